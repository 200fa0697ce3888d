// How busy the whole machine was between two readings of /proc/stat (Linux):
// the bench runs Kafka, HBase, HDFS, the speed layer and its own producer on
// one host, so a latency figure means little without knowing whether the host
// had any CPU left while it was measured.

import fs from 'node:fs';

export interface HostCpuReading {
  /** Jiffies spent busy (everything but idle and iowait), all cores together. */
  readonly busy: number;
  readonly total: number;
}

/** The aggregate `cpu` line of /proc/stat, or null where there is none (not Linux). */
export function parseProcStat(text: string): HostCpuReading | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  // user nice system idle iowait irq softirq steal (guest time is already inside user and nice)
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (fields.length < 4 || fields.some((v) => !Number.isFinite(v) || v < 0)) return null;
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

export function readHostCpu(): HostCpuReading | null {
  try {
    return parseProcStat(fs.readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/** Per cent of all cores busy between two readings (100 = every core busy all the time), or null. */
export function hostBusyPercent(before: HostCpuReading | null, after: HostCpuReading | null): number | null {
  if (!before || !after) return null;
  const total = after.total - before.total;
  if (total <= 0) return null;
  return Math.round(((after.busy - before.busy) * 1000) / total) / 10;
}
