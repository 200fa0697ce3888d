// CI step: replays docker/Dockerfile's install and build commands without a
// Docker engine, in a clean copy of the tree, so the image's steps cannot
// drift from the project again (they did: `npm ci` against a lock file that
// npm called out of sync).
//
// The build context is the git tree (tracked and untracked, not ignored files)
// filtered by docker/Dockerfile.dockerignore. Every stage but the last gets a
// folder of its own standing for its WORKDIR; its COPY and ENV instructions are
// applied and its RUN commands run there with `sh -c`, with the stage's ENV on
// top of this process's environment (so npm uses its usual cache, as the
// cache mount does in the image). The last (runtime) stage is assembled from
// its COPY instructions, then the image's ENTRYPOINT + CMD run in it, which
// loads every command's modules with the production dependencies only. Its
// RUN lines set up users and folders outside the app and are listed, not run.
//
//   node dist/ops/ci/replay-dockerfile.js [--dockerfile docker/Dockerfile] [--keep]

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../common/config';
import { isIgnored, parseDockerignore } from './dockerignore';
import { parseDockerfile, type Instruction, type Stage } from './dockerfile';
import { UtopiaError } from '../../common/errors';

interface Options {
  readonly dockerfile: string;
  readonly keep: boolean;
}

interface StageState {
  readonly dir: string;
  workdir: string | undefined;
  readonly env: Record<string, string>;
}

const started = Date.now();
const say = (text: string): void => console.log(`[docker-replay ${Math.round((Date.now() - started) / 1000)} s] ${text}`);

function parseArgs(argv: readonly string[]): Options {
  let dockerfile = path.join(repoRoot, 'docker', 'Dockerfile');
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dockerfile') dockerfile = path.resolve(argv[++i] ?? '');
    else if (argv[i] === '--keep') keep = true;
    else throw new UtopiaError(`unknown argument ${JSON.stringify(argv[i])}; usage: replay-dockerfile [--dockerfile FILE] [--keep]`);
  }
  return { dockerfile, keep };
}

/** The files Docker would send as the build context, copied to `target`. */
function copyContext(target: string, dockerfile: string): number {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    maxBuffer: 64 << 20,
  })
    .toString('utf8')
    .split('\0')
    .filter((f) => f !== '');
  const ignoreFile = [`${dockerfile}.dockerignore`, path.join(repoRoot, '.dockerignore')].find((f) => fs.existsSync(f));
  const rules = ignoreFile ? parseDockerignore(fs.readFileSync(ignoreFile, 'utf8')) : [];
  let copied = 0;
  for (const file of new Set(listed)) {
    const from = path.join(repoRoot, file);
    if (isIgnored(rules, file) || !fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    fs.copyFileSync(from, path.join(target, file));
    copied++;
  }
  return copied;
}

/** A path inside a stage's image, mapped into that stage's folder (only below its WORKDIR). */
function inStage(stage: StageState, imagePath: string): string {
  if (!stage.workdir) throw new UtopiaError('a COPY or RUN before the stage has a WORKDIR');
  const absolute = path.posix.resolve(stage.workdir, imagePath);
  const relative = path.posix.relative(stage.workdir, absolute);
  if (relative.startsWith('..'))
    throw new UtopiaError(`${imagePath} is outside the stage's WORKDIR ${stage.workdir}; the replay only maps the WORKDIR`);
  return path.join(stage.dir, relative);
}

/** Docker's COPY: a folder's contents go into the destination; files into it when it ends in / (or there are several). */
function copyInto(sources: readonly string[], dest: string, destIsFolder: boolean): void {
  for (const source of sources) {
    if (!fs.existsSync(source)) throw new UtopiaError(`COPY source ${source} does not exist`);
    if (fs.statSync(source).isDirectory()) fs.cpSync(source, dest, { recursive: true });
    else {
      const target = destIsFolder ? path.join(dest, path.basename(source)) : dest;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(source, target);
    }
  }
}

function apply(
  instruction: Instruction,
  stage: StageState,
  stages: ReadonlyMap<string, StageState>,
  context: string,
  runCommands: boolean,
): void {
  switch (instruction.kind) {
    case 'WORKDIR':
      if (stage.workdir && stage.workdir !== instruction.path)
        throw new UtopiaError(`a second WORKDIR (${instruction.path}) is not replayed`);
      stage.workdir = instruction.path;
      fs.mkdirSync(stage.dir, { recursive: true });
      return;
    case 'ENV':
      Object.assign(stage.env, instruction.vars);
      return;
    case 'COPY': {
      const fromStage = instruction.from === undefined ? undefined : stages.get(instruction.from);
      if (instruction.from !== undefined && !fromStage) throw new UtopiaError(`COPY --from=${instruction.from}: no such earlier stage`);
      const sources = instruction.sources.map((s) => (fromStage ? inStage(fromStage, s) : path.join(context, s)));
      const destIsFolder = instruction.dest.endsWith('/') || instruction.dest === '.' || sources.length > 1;
      copyInto(sources, inStage(stage, instruction.dest), destIsFolder);
      say(`  COPY ${instruction.from ? `--from=${instruction.from} ` : ''}${instruction.sources.join(' ')} ${instruction.dest}`);
      return;
    }
    case 'RUN': {
      if (!runCommands) {
        say(`  RUN (not replayed: system set-up of the runtime image) ${instruction.command}`);
        return;
      }
      say(`  RUN ${instruction.command}`);
      const result = spawnSync('/bin/sh', ['-c', instruction.command], {
        cwd: inStage(stage, '.'),
        env: { ...process.env, ...stage.env },
        stdio: 'inherit',
      });
      if (result.status !== 0) throw new UtopiaError(`RUN ${instruction.command} exited with ${result.status ?? result.signal}`);
      return;
    }
    default:
      return;
  }
}

/** ENTRYPOINT + CMD of the last stage, as `docker run IMAGE` would run them. */
function imageCommand(stage: Stage): string[] {
  let entrypoint: readonly string[] = [];
  let cmd: readonly string[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.kind === 'ENTRYPOINT') entrypoint = instruction.argv;
    if (instruction.kind === 'CMD') cmd = instruction.argv;
  }
  return [...entrypoint, ...cmd];
}

function main(options: Options): void {
  const stages = parseDockerfile(fs.readFileSync(options.dockerfile, 'utf8'));
  const last = stages[stages.length - 1];
  if (!last) throw new UtopiaError(`${options.dockerfile} has no FROM`);
  const imageNode = /node:(\d+)/.exec(stages[0]?.image ?? '')?.[1];
  const ourNode = process.versions.node.split('.')[0];
  say(
    `${path.relative(repoRoot, options.dockerfile)}: stages ${stages.map((s) => s.name).join(', ')}; image Node ${imageNode ?? '?'}, this Node ${ourNode}${imageNode && imageNode !== ourNode ? ' (differs: the replay runs on this Node)' : ''}`,
  );

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'utopia-docker-replay-'));
  try {
    const context = path.join(root, 'context');
    say(`build context: ${copyContext(context, options.dockerfile)} files (git tree minus the .dockerignore) in ${context}`);
    const states = new Map<string, StageState>();
    for (const stage of stages) {
      const state: StageState = { dir: path.join(root, 'stage', stage.name), workdir: undefined, env: {} };
      say(`stage ${stage.name} (FROM ${stage.image})`);
      for (const instruction of stage.instructions) apply(instruction, state, states, context, stage !== last);
      states.set(stage.name, state);
    }

    const [command, ...args] = imageCommand(last);
    if (!command) throw new UtopiaError(`the last stage (${last.name}) has no ENTRYPOINT or CMD`);
    const lastState = states.get(last.name) as StageState;
    const home = path.join(root, 'utopia-home');
    fs.mkdirSync(home);
    say(`image command: ${[command, ...args].join(' ')} (UTOPIA_HOME=${home})`);
    const run = spawnSync(command, args, {
      cwd: inStage(lastState, '.'),
      env: { ...process.env, ...lastState.env, UTOPIA_HOME: home },
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new UtopiaError(`the image command exited with ${run.status ?? run.signal}:\n${run.stdout}${run.stderr}`);
    say(`image command exited 0 (${run.stdout.split('\n').length} lines of output)`);
    say('the Dockerfile replays: OK');
  } finally {
    if (options.keep) say(`kept ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  }
}

try {
  main(parseArgs(process.argv.slice(2)));
} catch (error) {
  console.error(`docker-replay: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
