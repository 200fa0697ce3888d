// Two ways to measure one scenario: autocannon against the HTTP API, and a
// pool of concurrent direct calls (the HBase floor), both summarised alike.

import { performance } from 'node:perf_hooks';

export interface LoadFigures {
  readonly requests: number;
  readonly requestsPerS: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
}

interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}

type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no types; its programmatic API returns a promise when no callback is given.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

/** `ratePerS`: a fixed total rate over all connections (latency at that load); absent: as fast as possible. */
export async function httpLoad(
  baseUrl: string,
  paths: () => string,
  connections: number,
  durationS: number,
  ratePerS?: number,
): Promise<LoadFigures> {
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: durationS,
    timeout: 30,
    ...((ratePerS ?? 0) > 0 ? { overallRate: ratePerS } : {}),
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths() }) }],
  });
  return {
    requests: result.requests.total,
    requestsPerS: Math.round(result.requests.total / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** `concurrency` loops calling `call` for `durationS` seconds (and at least `minCalls` calls each). */
export async function directLoad(call: () => Promise<unknown>, concurrency: number, durationS: number, minCalls = 1): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let n = 0; n < minCalls || performance.now() < deadline; n++) {
        const t = performance.now();
        try {
          await call();
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN) * 10) / 10;
  return { requests: latencies.length, requestsPerS: Math.round(latencies.length / elapsedS), p50Ms: at(0.5), p99Ms: at(0.99), errors };
}
