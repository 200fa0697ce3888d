// Runs a command and measures its wall time, its CPU time and peak resident memory,
// children included: Spark's engine is a JVM (and a Python launcher) started
// by the batch, and DuckDB's threads live in the batch process itself. Every
// 200 ms the process tree is walked through /proc (parent ids from
// /proc/<pid>/stat) and the VmRSS of its members summed; the peak is the
// largest sum, or the root's own VmHWM (its exact high-water mark) when that
// is larger. A child that lives less than a sample interval can be missed.
// CPU time is the root's own, read at the same samples.

import { spawn } from 'node:child_process';
import fs from 'node:fs';

export interface Measured {
  readonly ms: number;
  /** Peak resident memory of the process and its descendants, MiB. */
  readonly peakRssMiB: number;
  /** Peak resident memory of the process alone (VmHWM), MiB. */
  readonly rootPeakRssMiB: number;
  /** CPU seconds (user + system) of the process alone, as last sampled: up to one interval short. */
  readonly rootCpuSeconds: number;
  readonly code: number | null;
  readonly stdout: string;
}

/** CPU seconds (user + system) a process has used so far (Linux), 0 when it is gone. */
export function cpuSecondsOf(pid: number | undefined): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // exited
  }
}

function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      /* gone */
    }
  }
  return children;
}

/** Resident memory of a process and all its descendants now, in KiB. */
export function treeRssKb(root: number): number {
  const children = childrenByParent();
  let total = 0;
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    total += statusKb(pid, 'VmRSS');
    pending.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Runs `command args` (default: this Node) with stderr passed through, stdout captured. */
export function measureProcess(args: readonly string[], env: NodeJS.ProcessEnv, command: string = process.execPath): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let treeKb = 0;
    let rootKb = 0;
    let rootCpu = 0;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const sample = (): void => {
      if (child.pid === undefined) return;
      treeKb = Math.max(treeKb, treeRssKb(child.pid));
      rootKb = Math.max(rootKb, statusKb(child.pid, 'VmHWM'));
      rootCpu = Math.max(rootCpu, cpuSecondsOf(child.pid));
    };
    const timer = setInterval(sample, 200);
    child.once('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearInterval(timer);
      const mib = (kb: number): number => Math.round(kb / 1024);
      resolve({
        ms: Date.now() - started,
        peakRssMiB: mib(Math.max(treeKb, rootKb)),
        rootPeakRssMiB: mib(rootKb),
        rootCpuSeconds: rootCpu,
        code,
        stdout,
      });
    });
  });
}
