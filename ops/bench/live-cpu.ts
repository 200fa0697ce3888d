// CPU accounting of bench:speed: CPU per event of the processes that share this
// machine, and how busy the machine was, over a phase of the bench.

import type { Config } from '../../common/config';
import { stackServicePid } from './bench-world';
import { hostBusyPercent, readHostCpu } from './host-cpu';
import { cpuSecondsOf } from './measure-process';

/**
 * CPU per event published while freshness is measured, caught up (small chunks): from before the poller's
 * partition lookup and the first publish until the last timed event was readable (or the final wait ran out),
 * so a window somewhat longer than the publishing (`cpuWindowSeconds`). Besides the speed layer and the region
 * server (the poller's gets included), what else ran: Kafka, this bench process (its producer, generator,
 * poller and samplers) and the whole machine's busy share.
 */
export function startLiveCpu(config: Config, speedPid: number | undefined, hbasePid: number | undefined) {
  const kafkaPid = stackServicePid(config, 'kafka');
  const before = { speed: cpuSecondsOf(speedPid), hbase: cpuSecondsOf(hbasePid), kafka: cpuSecondsOf(kafkaPid) };
  const benchBefore = process.cpuUsage();
  const hostBefore = readHostCpu();
  const startedMs = Date.now();
  // A process that exited meanwhile reads 0 seconds: no figure rather than a negative one.
  const perEvent = (pid: number | undefined, since: number, events: number) => {
    const seconds = cpuSecondsOf(pid) - since;
    return pid === undefined || seconds < 0 ? null : microsPerEvent(seconds, events);
  };
  return (events: number) => {
    const bench = process.cpuUsage(benchBefore);
    return {
      speedLayerCpuMicrosPerEvent: perEvent(speedPid, before.speed, events),
      hbaseCpuMicrosPerEvent: perEvent(hbasePid, before.hbase, events),
      kafkaCpuMicrosPerEvent: perEvent(kafkaPid, before.kafka, events),
      benchProcessCpuMicrosPerEvent: microsPerEvent((bench.user + bench.system) / 1e6, events),
      hostBusyPercent: hostBusyPercent(hostBefore, readHostCpu()),
      cpuWindowSeconds: Math.round((Date.now() - startedMs) / 100) / 10,
    };
  };
}

/** CPU µs per event, or null when there were no events. */
export function microsPerEvent(cpuSeconds: number, events: number): number | null {
  return events > 0 ? Math.round((cpuSeconds * 1e6) / events) : null;
}
