// How long a piece of work holds the event loop. Two figures:
// - wallMaxMs: perf_hooks.monitorEventLoopDelay's largest delay. On a shared,
//   loaded machine this also counts the time the OS did not run the process.
// - blockedMaxMs: between two ticks of a 2 ms timer, the smaller of the wall
//   time and the CPU time the process used; the largest such figure. The main
//   thread cannot have held the loop longer than either: wall time also counts
//   time the OS ran other processes, CPU time also counts GC helper threads.
//   So this stays honest on a loaded machine, where wallMaxMs does not.

import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface Blocking {
  readonly wallMaxMs: number;
  readonly blockedMaxMs: number;
}

export async function measureBlocking<T>(work: () => Promise<T>): Promise<{ result: T; blocking: Blocking }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  let blockedMaxMs = 0;
  let lastCpu = process.cpuUsage();
  let lastWall = performance.now();
  const timer = setInterval(() => {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const cpuMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
    blockedMaxMs = Math.max(blockedMaxMs, Math.min(cpuMs, wall - lastWall));
    lastCpu = cpu;
    lastWall = wall;
  }, 2);
  histogram.enable();
  try {
    const result = await work();
    return { result, blocking: { wallMaxMs: histogram.max / 1e6, blockedMaxMs } };
  } finally {
    histogram.disable();
    clearInterval(timer);
  }
}
