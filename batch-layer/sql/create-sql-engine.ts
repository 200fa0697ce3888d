// The SQL engine named by BATCH_ENGINE / --engine, from the configuration:
// DuckDB in process, or spark-sql on BATCH_SPARK_MASTER (Spark installed into
// UTOPIA_HOME on first use).

import path from 'node:path';
import type { Config } from '../../common/config';
import type { Logger } from '../../common/log';
import { duckdbEngine } from './duckdb-engine';
import type { SqlEngine } from './sql-engine';
import { sparkEngine } from './spark-engine';
import { ensureSpark } from './spark-install';

export async function createSqlEngine(name: 'duckdb' | 'spark', config: Config, logger: Logger, workDir: string): Promise<SqlEngine> {
  if (name === 'duckdb') return duckdbEngine({ tempDir: path.join(workDir, 'duckdb-tmp') });
  const install = await ensureSpark(config.home, config.batch.pysparkVersion, logger);
  return sparkEngine({
    install,
    master: config.batch.sparkMaster,
    conf: config.batch.sparkConf,
    io: config.batch.sparkIo,
    workDir: path.join(workDir, 'spark'),
    hdfsUser: config.hdfs.user,
  });
}
