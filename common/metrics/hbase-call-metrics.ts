// Latency of every HBase call a store makes, as a histogram by operation,
// table (without its namespace) and outcome: the observer HBaseStoreOptions.onCall takes.

import { Histogram, type Registry } from 'prom-client';
import type { HBaseCallObserver } from '../hbase';

const BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function hbaseCallMetrics(registry: Registry): HBaseCallObserver {
  const histogram = new Histogram({
    name: 'utopia_hbase_call_duration_seconds',
    help: 'Latency of HBase calls (get, mget, puts, checkAndPut, increment, ...) by operation, table and outcome (ok or error).',
    labelNames: ['operation', 'table', 'outcome'] as const,
    buckets: BUCKETS_S,
    registers: [registry],
  });
  return (call) => {
    const table = call.table.includes(':') ? call.table.slice(call.table.indexOf(':') + 1) : call.table;
    histogram.observe({ operation: call.operation, table, outcome: call.ok ? 'ok' : 'error' }, call.seconds);
  };
}
