// One Prometheus registry per process (or per layer object in tests): the
// layer's own metrics plus prom-client's default process and Node metrics
// (CPU, resident memory, open files, event-loop lag, GC, heap). Never the
// library's global registry, so two layers or two tests in one process do not
// share counters.
//
// Naming (Prometheus conventions): prefix utopia_, base units in the name
// (_seconds, _bytes), counters end in _total. The default metrics keep their
// standard names (process_*, nodejs_*) so stock dashboards read them.
// Labels hold bounded sets only (route, partition, reason, outcome): never an
// oid, a day or a row key.

import { collectDefaultMetrics, Registry } from 'prom-client';

export interface RegistryOptions {
  /** Default process and Node metrics (default true; unit tests of one metric turn them off). */
  readonly defaultMetrics?: boolean;
}

export function createMetricsRegistry(options: RegistryOptions = {}): Registry {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  return registry;
}

export { Registry };
