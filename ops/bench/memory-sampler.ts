// Samples a child's memory composition from its Prometheus /metrics (prom-client's
// default process and Node metrics) and keeps the sample taken at its peak RSS:
// RSS alone does not say whether the JS heap, Buffers held outside it, or code and
// the runtime are what to shrink.

import { gaugeValue } from './prometheus-text';

export interface MemorySample {
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly heapTotalMb: number;
  /** Memory of Buffers and other C++ objects bound to JS objects (Kafka fetches and socket frames live here). */
  readonly externalMb: number;
}

export interface MemorySampler {
  /** The sample taken at the highest RSS so far; undefined until one was read. */
  peak(): MemorySample | undefined;
  stop(): void;
}

const MB = 2 ** 20;
const GAUGES = {
  rssMb: 'process_resident_memory_bytes',
  heapUsedMb: 'nodejs_heap_size_used_bytes',
  heapTotalMb: 'nodejs_heap_size_total_bytes',
  externalMb: 'nodejs_external_memory_bytes',
} as const;

export function sampleMemory(metricsUrl: string, everyMs = 1000): MemorySampler {
  let best: MemorySample | undefined;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    fetch(metricsUrl)
      .then((response) => (response.ok ? response.text() : undefined))
      .then((text) => {
        const sample = text === undefined ? undefined : parseSample(text);
        if (sample && (!best || sample.rssMb > best.rssMb)) best = sample;
      })
      .catch(() => undefined) // not listening yet, or gone
      .finally(() => (busy = false));
  }, everyMs);
  timer.unref();
  return { peak: () => best, stop: () => clearInterval(timer) };
}

/** The four gauges from a Prometheus text exposition; undefined when one is missing. */
export function parseSample(text: string): MemorySample | undefined {
  const out: Record<string, number> = {};
  for (const [field, name] of Object.entries(GAUGES)) {
    const value = gaugeValue(text, name);
    if (value === undefined) return undefined;
    out[field] = Math.round(value / MB);
  }
  return out as unknown as MemorySample;
}
