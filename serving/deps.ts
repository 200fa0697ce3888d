// Everything the routes need, built once by serve.ts (or by a test) and handed
// to createApp: the app itself opens no connection.

import type { Config } from '../common/config';
import type { Logger } from '../common/log';
import type { AuditSink } from './http/audit-log';
import type { JobRunner } from './jobs/job-runner';
import type { ServingMetrics } from './metrics/serving-metrics';
import type { CountQuery } from './query/count-query';
import type { DetectionReader, HealthProbes, KafkaFigures, LocationCatalog, MetaReader, ReportReader } from './views';

// The readers as the routes use them (their public methods), so tests can hand in honest fakes.
export type LocationNames = Pick<LocationCatalog, 'search' | 'nameOf'>;
export type Detections = Pick<DetectionReader, 'detection' | 'recent'>;
export type Reports = Pick<ReportReader, 'list' | 'read'>;
export type Jobs = Pick<JobRunner, 'start' | 'get' | 'list'>;

export interface ServingDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly query: CountQuery;
  readonly meta: MetaReader;
  readonly reference: LocationNames;
  readonly detections: Detections;
  readonly reports: Reports;
  readonly kafka: KafkaFigures;
  readonly health: HealthProbes;
  readonly jobs: Jobs;
  /** The API's Prometheus registry (one per app, never prom-client's global one). */
  readonly metrics: ServingMetrics;
  /** Where the audit trail goes: the audit log (API_AUDIT_LOG) and, in tests, a list. */
  readonly audit?: readonly AuditSink[];
}
