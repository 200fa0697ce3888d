// A `utopia <command>` (speed layer, landing writer, a batch run) as a child
// process of a test: started, SIGKILLed and restarted at will, its log kept in
// a temp file so a failing test can show it. `supervised`: a child that exits
// on its own (the landing writer exits 1 when kafkajs will not restart its
// consumer, leaving that to a supervisor) is started again with the backoff of
// `npm start`'s supervisor (ops/supervisor); `restarts` counts those.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../common/config';
import { randomName } from './random-name';
import { cliNodeArgs } from '../../ops/cli/node-flags';
import { restartCount, restartDelay } from '../../ops/supervisor';

export class CliProcess {
  readonly logFile: string;
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  /** True from stop() until the next start(): that exit was asked for. */
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  /** Times a supervised child exited on its own and was started again. */
  restarts = 0;
  /** Restarts in a row, for the supervisor's backoff. */
  private inARow = 0;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly command: string,
    readonly name = command,
    private readonly args: readonly string[] = [],
    private readonly supervised = false,
  ) {
    this.logFile = path.join(os.tmpdir(), `${randomName(name)}.log`);
  }

  start(): void {
    clearTimeout(this.restartTimer);
    this.stopping = false;
    const log = fs.openSync(this.logFile, 'a');
    const child = spawn(
      process.execPath,
      [...cliNodeArgs(this.command), path.join(repoRoot, 'dist', 'ops', 'cli', 'utopia.js'), this.command, ...this.args],
      {
        env: this.env,
        stdio: ['ignore', log, log],
      },
    );
    fs.closeSync(log);
    this.child = child;
    const started = Date.now();
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        resolve(code ?? (signal ? -1 : null));
        if (!this.supervised || this.stopping || this.child !== child) return;
        this.restarts++;
        this.inARow = restartCount(this.inARow, Date.now() - started);
        this.restartTimer = setTimeout(() => this.start(), restartDelay(this.inARow));
      }),
    );
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends `signal` and resolves with the exit code (-1 when killed by a signal). */
  async stop(signal: NodeJS.Signals): Promise<number | null> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    if (this.running) this.child?.kill(signal);
    return this.exited;
  }

  /** SIGSTOP: the process freezes as in a long GC pause or a VM stall, sockets open, timers stopped. */
  pause(): void {
    if (this.running) this.child?.kill('SIGSTOP');
  }

  resume(): void {
    if (this.running) this.child?.kill('SIGCONT');
  }

  log(): string {
    return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
  }
}
