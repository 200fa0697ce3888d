import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { repoRoot } from '../../common/config';
import { lockProblems, type LockFile } from './lock-file';

const entry = (name: string, extra: object = {}) => ({
  version: '1.0.0',
  resolved: `https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz`,
  integrity: 'sha512-x',
  ...extra,
});

describe('package-lock.json check (npm ci on every platform)', () => {
  it("finds another platform's optional binary missing, as npm ci does", () => {
    const lock: LockFile = {
      lockfileVersion: 3,
      packages: {
        '': { devDependencies: { bindings: '^1' } },
        'node_modules/bindings': entry('bindings', {
          optionalDependencies: { 'bindings-linux-x64': '1.0.0', 'bindings-darwin-arm64': '1.0.0' },
        }),
        'node_modules/bindings-linux-x64': entry('bindings-linux-x64'),
      },
    };
    expect(lockProblems(lock)).to.deep.equal(['bindings-darwin-arm64 (needed by node_modules/bindings) has no entry']);
  });

  it('resolves nested node_modules the way npm does, and wants an integrity hash', () => {
    const lock: LockFile = {
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { a: '1' } },
        'node_modules/a': entry('a', { dependencies: { b: '1', c: '1' } }),
        'node_modules/a/node_modules/b': entry('b'),
        'node_modules/c': { version: '1.0.0', integrity: 'sha512-y' },
        'node_modules/d': { version: '1.0.0' },
      },
    };
    expect(lockProblems(lock)).to.deep.equal(['node_modules/d lacks an integrity hash']);
  });

  it("passes the project's package-lock.json: every platform's DuckDB binary is locked", () => {
    const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as LockFile;
    expect(lockProblems(lock)).to.deep.equal([]);
    for (const platform of ['darwin-arm64', 'darwin-x64', 'linux-arm64', 'linux-arm64-musl', 'linux-x64', 'linux-x64-musl', 'win32-x64']) {
      expect(lock.packages[`node_modules/@duckdb/node-bindings-${platform}`]?.integrity, platform).to.be.a('string');
    }
  });
});
