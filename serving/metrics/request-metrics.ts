// The API's own figures for /metrics: requests by route and status, and a
// latency histogram per route.

import type { AuditEntry } from '../http/audit-log';
import type { Metric } from './prometheus-text';

const BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class RequestMetrics {
  private readonly counts = new Map<string, number>();
  private readonly latency = new Map<string, { buckets: number[]; sum: number; count: number }>();

  record(entry: AuditEntry): void {
    const key = `${entry.method}\u0000${entry.route}\u0000${entry.status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    const h = this.latency.get(entry.route) ?? { buckets: BUCKETS_S.map(() => 0), sum: 0, count: 0 };
    const seconds = entry.durationMs / 1000;
    BUCKETS_S.forEach((le, i) => {
      if (seconds <= le) h.buckets[i] = (h.buckets[i] ?? 0) + 1;
    });
    h.sum += seconds;
    h.count += 1;
    this.latency.set(entry.route, h);
  }

  metrics(): Metric[] {
    return [
      {
        name: 'utopia_api_requests_total',
        help: 'API requests by method, route and status.',
        type: 'counter',
        samples: [...this.counts].map(([key, value]) => {
          const [method = '', route = '', status = ''] = key.split('\u0000');
          return { labels: { method, route, status }, value };
        }),
      },
      {
        name: 'utopia_api_request_duration_seconds',
        help: 'API request latency by route.',
        type: 'histogram',
        samples: [...this.latency].flatMap(([route, h]) => [
          ...BUCKETS_S.map((le, i) => ({ suffix: '_bucket', labels: { route, le: String(le) }, value: h.buckets[i] ?? 0 })),
          { suffix: '_bucket', labels: { route, le: '+Inf' }, value: h.count },
          { suffix: '_sum', labels: { route }, value: h.sum },
          { suffix: '_count', labels: { route }, value: h.count },
        ]),
      },
    ];
  }
}
