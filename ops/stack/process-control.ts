// Starting, finding and stopping the stack's JVMs. A process counts as ours only
// if its command line carries our -Dutopia.home/-Dutopia.service marker, so a
// recycled pid is never killed by mistake.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { sleep } from '../../common/retry';
import { StackError } from '../../common/errors';

export interface StartOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly logFile: string;
  readonly pidFile: string;
  readonly cwd: string;
}

export function startDetached(options: StartOptions): number {
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(options.command, options.args, { cwd: options.cwd, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  if (child.pid === undefined) throw new StackError(`could not start ${options.command}`);
  child.unref();
  fs.writeFileSync(options.pidFile, `${child.pid}\n`);
  return child.pid;
}

function commandLine(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}

function isZombie(pid: number): boolean {
  try {
    return /\)\s+Z\s/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** The pids of live JVMs started for `service` of the stack in `home`. */
export function findServiceProcesses(home: string, service: string): number[] {
  const marker = ` -Dutopia.home=${home} -Dutopia.service=${service} `;
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => pid !== process.pid && (commandLine(pid) + ' ').includes(marker) && !isZombie(pid));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once every pid is gone. */
export async function stopProcesses(pids: readonly number[], graceMs: number): Promise<void> {
  const signal = (sig: NodeJS.Signals) =>
    pids.filter(isAlive).forEach((pid) => {
      try {
        process.kill(pid, sig);
      } catch {
        // Already gone.
      }
    });
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (pids.some(isAlive) && Date.now() < deadline) await sleep(200);
  if (pids.some(isAlive)) {
    signal('SIGKILL');
    while (pids.some(isAlive)) await sleep(100);
  }
}

/** The last lines of a log file, for error messages. */
export function tailOf(file: string, lines = 15): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text
      .split('\n')
      .slice(-lines - 1)
      .join('\n')
      .trimEnd();
  } catch {
    return '(no log yet)';
  }
}

/** Resident memory of a process in bytes (0 if it is gone). */
export function residentBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
