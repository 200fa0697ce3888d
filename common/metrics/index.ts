// Public surface of the metrics helpers (prom-client): a registry per process,
// the HBase call histogram, consumer lag, and a /metrics endpoint for processes without an API.

export { createMetricsRegistry, Registry, type RegistryOptions } from './metrics-registry';
export { hbaseCallMetrics } from './hbase-call-metrics';
export { ConsumerLagMetrics } from './consumer-lag-metrics';
export { startMetricsServer, type MetricsServer } from './metrics-server';
