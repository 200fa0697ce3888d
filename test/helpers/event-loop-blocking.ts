// How long a piece of work holds the event loop. Two figures:
// - wallMaxMs: perf_hooks.monitorEventLoopDelay's largest delay. On a shared,
//   loaded machine this also counts the time the OS did not run the process.
// - cpuMaxMs: the largest CPU time the process used between two ticks of a
//   2 ms timer: what the work itself blocked, whatever the machine's load.

import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface Blocking {
  readonly wallMaxMs: number;
  readonly cpuMaxMs: number;
}

export async function measureBlocking<T>(work: () => Promise<T>): Promise<{ result: T; blocking: Blocking }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  let cpuMaxMs = 0;
  let last = process.cpuUsage();
  const timer = setInterval(() => {
    const now = process.cpuUsage();
    cpuMaxMs = Math.max(cpuMaxMs, (now.user - last.user + now.system - last.system) / 1000);
    last = now;
  }, 2);
  histogram.enable();
  try {
    const result = await work();
    return { result, blocking: { wallMaxMs: histogram.max / 1e6, cpuMaxMs } };
  } finally {
    histogram.disable();
    clearInterval(timer);
  }
}
