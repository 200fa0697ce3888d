// A SQL engine runs the day's job statements (day-job.ts) to the end or
// throws SqlEngineError naming the statement that failed.

import type { Logger } from '../../common/log';
import type { SqlEngineName } from './dialect';

export interface SqlEngine {
  readonly name: SqlEngineName;
  /** Where the engine reads and writes: local files, or hdfs:// (Spark on a cluster). */
  readonly io: 'local' | 'hdfs';
  run(statements: readonly string[], log: Logger): Promise<void>;
}
