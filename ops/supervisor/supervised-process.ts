// One child process of `npm start`: its output prefixed line by line, restarted
// with backoff when it dies on its own, stopped with SIGTERM (SIGKILL after a
// grace period) when the supervisor stops. Children run in their own process
// group: the terminal's Ctrl-C reaches only the supervisor, which stops them
// in order; if the supervisor itself exits, whatever still runs is killed.

import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { backoffDelay } from '../../common/retry';

export interface ProcessSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** false for one-shot work (exits 0 when done); true for services. */
  readonly restart: boolean;
}

export interface SupervisedProcess {
  readonly name: string;
  stop(graceMs: number): Promise<void>;
  /** Resolves with the exit code of a one-shot process (never for a service). */
  readonly finished: Promise<number>;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export function supervise(spec: ProcessSpec, write: (line: string) => void): SupervisedProcess {
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let resolveFinished: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (resolveFinished = resolve));
  const prefix = `[${spec.name}]`;

  function launch(): void {
    const started = Date.now();
    const launched = spawn(spec.command, [...spec.args], {
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child = launched;
    live.add(launched);
    // stdio is 'pipe' for both, so both streams exist.
    for (const stream of [launched.stdout, launched.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => write(tagged(spec.name, prefix, line)));
    }
    launched.once('exit', (code, signal) => {
      live.delete(launched);
      child = undefined;
      if (stopping) return;
      if (!spec.restart) {
        resolveFinished(code ?? 1);
        return;
      }
      restarts = restartCount(restarts, Date.now() - started);
      const delay = restartDelay(restarts);
      write(`${prefix} exited (${signal ?? `code ${code}`}); restarting in ${(delay / 1000).toFixed(1)} s`);
      restartTimer = setTimeout(launch, delay);
    });
  }

  async function stop(graceMs: number): Promise<void> {
    stopping = true;
    clearTimeout(restartTimer);
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  launch();
  return { name: spec.name, stop, finished };
}

/** The restarts in a row after a child died having run `ranMs`: one that ran a while starts the backoff over. */
export function restartCount(previous: number, ranMs: number): number {
  return ranMs > 60_000 ? 1 : previous + 1;
}

/** How long to wait before a child's `restarts`-th restart in a row. */
export function restartDelay(restarts: number): number {
  return backoffDelay(restarts, { initialDelayMs: 1000, maxDelayMs: 30_000 });
}

/** A child's line with its process name: a prefix for text, a "process" field for a JSON log line (UTOPIA_LOG_FORMAT=json). */
export function tagged(name: string, prefix: string, line: string): string {
  if (line.startsWith('{"') && line.endsWith('}')) return `{"process":${JSON.stringify(name)},${line.slice(1)}`;
  return `${prefix} ${line}`;
}
