import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { repoRoot } from '../../common/config';
import { logicalLines, parseDockerfile, splitWords } from './dockerfile';

describe('Dockerfile parser (CI replay)', () => {
  it('joins continued lines and drops comments, also inside a continuation', () => {
    const text = '# syntax=docker/dockerfile:1\nRUN a \\\n# a comment\n    && b\n\n\nENV A=1 \\\n    B=2\n';
    expect(logicalLines(text)).to.deep.equal(['RUN a && b', 'ENV A=1 B=2']);
  });

  it('splits words with quotes kept together', () => {
    expect(splitWords(`a "b c" 'd'  e=f`)).to.deep.equal(['a', 'b c', 'd', 'e=f']);
    expect(() => splitWords('a "b')).to.throw(/unclosed/);
  });

  it('reads stages, ARG defaults in FROM, RUN flags, ENV forms, COPY --from and exec-form commands', () => {
    const stages = parseDockerfile(
      [
        'ARG IMG=node:20-slim',
        'FROM ${IMG} AS build',
        'WORKDIR /src',
        'RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts',
        'ENV NODE_ENV=production \\',
        '    X="a b"',
        'ENV OLD style value',
        'FROM $IMG',
        'COPY --from=build --chown=node:node /src/dist ./dist',
        'COPY a b ./',
        'ENTRYPOINT ["node", "x.js"]',
        'CMD help',
      ].join('\n'),
    );
    expect(stages.map((s) => [s.name, s.image])).to.deep.equal([
      ['build', 'node:20-slim'],
      ['1', 'node:20-slim'],
    ]);
    expect(stages[0]?.instructions).to.deep.equal([
      { kind: 'WORKDIR', path: '/src' },
      { kind: 'RUN', command: 'npm ci --ignore-scripts', flags: ['--mount=type=cache,target=/root/.npm'] },
      { kind: 'ENV', vars: { NODE_ENV: 'production', X: 'a b' } },
      { kind: 'ENV', vars: { OLD: 'style value' } },
    ]);
    expect(stages[1]?.instructions).to.deep.equal([
      { kind: 'COPY', from: 'build', sources: ['/src/dist'], dest: './dist' },
      { kind: 'COPY', from: undefined, sources: ['a', 'b'], dest: './' },
      { kind: 'ENTRYPOINT', argv: ['node', 'x.js'] },
      { kind: 'CMD', argv: ['/bin/sh', '-c', 'help'] },
    ]);
  });

  it('refuses instructions before FROM other than ARG', () => {
    expect(() => parseDockerfile('RUN x\nFROM y')).to.throw(/before the first FROM/);
  });

  it("reads the project's docker/Dockerfile: npm ci in both install stages, the runtime copying from both", () => {
    const stages = parseDockerfile(fs.readFileSync(path.join(repoRoot, 'docker', 'Dockerfile'), 'utf8'));
    expect(stages.map((s) => s.name)).to.deep.equal(['build', 'deps', 'runtime']);
    const runs = (name: string) =>
      stages.find((s) => s.name === name)?.instructions.flatMap((i) => (i.kind === 'RUN' ? [i.command] : [])) ?? [];
    expect(runs('build').some((c) => c.startsWith('npm ci'))).to.equal(true);
    expect(runs('deps').some((c) => c.startsWith('npm ci --omit=dev'))).to.equal(true);
    const fromStages = stages[2]?.instructions.flatMap((i) => (i.kind === 'COPY' && i.from ? [i.from] : []));
    expect([...new Set(fromStages)]).to.have.members(['deps', 'build']);
  });
});
