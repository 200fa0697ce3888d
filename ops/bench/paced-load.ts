// An open-loop load at a fixed rate, evenly paced (one request every
// 1000/rate ms) over `connections` keep-alive sockets. Latency counts from
// when a request was due, so a stalled server (or generator) shows in full and
// only once (no coordinated omission). Why not only autocannon's overallRate:
// it sends each connection's share of a second back to back at the start of
// each second (1,000-request bursts, not a steady 1,000/s), and corrects for
// coordinated omission with an expected interval of ceil(1 / rate per
// connection) = 1 ms where 1000 / rate = 100 ms was meant, so one answer that
// took 300 ms also records 299 made-up samples of 1..299 ms.

import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { LoadFigures } from './load-run';

const TICK_MS = 1;
const DRAIN_TIMEOUT_MS = 30_000;

export async function pacedLoad(
  baseUrl: string,
  paths: () => string,
  connections: number,
  durationS: number,
  ratePerS: number,
): Promise<LoadFigures> {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let inFlight = 0;
  const total = Math.round(ratePerS * durationS);
  const intervalMs = 1000 / ratePerS;
  const started = performance.now();
  const send = (dueAt: number) => {
    inFlight++;
    const done = (ok: boolean) => {
      inFlight--;
      if (ok) latencies.push(performance.now() - dueAt);
      else errors++;
    };
    const req = http.get({ agent, host: url.hostname, port: url.port, path: paths() }, (res) => {
      res.resume();
      res.once('end', () => done(res.statusCode === 200));
      res.once('error', () => done(false));
    });
    req.once('error', () => done(false));
  };
  await new Promise<void>((resolve) => {
    let sent = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      for (; sent < total && started + sent * intervalMs <= now; sent++) send(started + sent * intervalMs);
      if (sent === total) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  const drainBy = performance.now() + DRAIN_TIMEOUT_MS;
  while (inFlight > 0 && performance.now() < drainBy) await new Promise((r) => setTimeout(r, 5));
  errors += inFlight;
  const elapsedS = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN) * 10) / 10;
  return { requests: latencies.length, requestsPerS: Math.round(latencies.length / elapsedS), p50Ms: at(0.5), p99Ms: at(0.99), errors };
}
