// The day's SQL on Spark: one `spark-sql -f job.sql` per day with --master
// (local[N], spark://..., yarn, k8s://... pass through) and the --conf pairs
// of BATCH_SPARK_CONF. The in-memory catalog (no Hive metastore folder), no
// web UI (its default ports are the project's), Spark's log at WARN, each
// line on the batch log; a failing statement ends spark-sql with a non-zero
// exit, which throws with the last lines of Spark's output.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Logger } from '../../common/log';
import { SqlEngineError } from './sql-errors';
import type { SqlEngine } from './sql-engine';
import type { SparkInstall } from './spark-install';

export interface SparkOptions {
  readonly install: SparkInstall;
  readonly master: string;
  readonly conf: readonly (readonly [string, string])[];
  readonly io: 'local' | 'hdfs';
  /** Folder for job.sql and Spark's log settings. */
  readonly workDir: string;
  /** HADOOP_USER_NAME of hdfs:// reads and writes. */
  readonly hdfsUser: string;
}

const LOG4J2 = `# Spark's own log for the batch: warnings and errors, one line each.
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %p %c{1}: %m%n%ex{short}
logger.nativeCode.name = org.apache.hadoop.util.NativeCodeLoader
logger.nativeCode.level = error
# The project's writer names itself in a form parquet-mr does not parse; Spark then ignores its statistics, as it should.
logger.corruptStats.name = org.apache.parquet.CorruptStatistics
logger.corruptStats.level = error
# Reading a glob of files, Spark first looks for a streaming-sink folder of that name and warns it is absent.
logger.fileStreamSink.name = org.apache.spark.sql.execution.streaming
logger.fileStreamSink.level = error
`;

export const SPARK_DEFAULT_CONF: readonly (readonly [string, string])[] = [
  ['spark.ui.enabled', 'false'],
  ['spark.sql.catalogImplementation', 'in-memory'],
  ['spark.sql.session.timeZone', 'UTC'],
  ['spark.hadoop.parquet.block.row.count.limit', '131072'],
  ['spark.sql.parquet.compression.codec', 'snappy'],
  // 200 shuffle partitions cost minutes on a small day; a cluster raises it in BATCH_SPARK_CONF.
  ['spark.sql.shuffle.partitions', '8'],
];

/** The spark-sql arguments of one job file: defaults first, so BATCH_SPARK_CONF overrides them. */
export function sparkSqlArgs(master: string, conf: readonly (readonly [string, string])[], jobFile: string): string[] {
  const args = ['--master', master];
  for (const [key, value] of [...SPARK_DEFAULT_CONF, ...conf]) args.push('--conf', `${key}=${value}`);
  return [...args, '-f', jobFile];
}

/** In local mode and on a loopback master Spark must bind to loopback (it picks a LAN address otherwise). */
export function sparkOnLoopback(master: string): boolean {
  return master.startsWith('local') || /^spark:\/\/(127\.\d+\.\d+\.\d+|localhost)(:|$)/.test(master);
}

export function sparkEngine(options: SparkOptions): SqlEngine {
  return {
    name: 'spark',
    io: options.io,
    async run(statements: readonly string[], log: Logger): Promise<void> {
      fs.mkdirSync(options.workDir, { recursive: true });
      const confDir = path.join(options.workDir, 'spark-conf');
      fs.mkdirSync(confDir, { recursive: true });
      fs.writeFileSync(path.join(confDir, 'log4j2.properties'), LOG4J2);
      const jobFile = path.join(options.workDir, 'job.sql');
      fs.writeFileSync(jobFile, statements.map((s) => `${s.trim()};\n`).join('\n'));
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        SPARK_HOME: options.install.sparkHome,
        SPARK_CONF_DIR: confDir,
        HADOOP_USER_NAME: options.hdfsUser,
      };
      if (sparkOnLoopback(options.master) && !env.SPARK_LOCAL_IP) env.SPARK_LOCAL_IP = '127.0.0.1';
      const args = sparkSqlArgs(options.master, options.conf, jobFile);
      log.info(`spark-sql --master ${options.master}: ${statements.length} statements (${jobFile})`);
      const started = Date.now();
      await new Promise<void>((resolve, reject) => {
        const child = spawn(path.join(options.install.sparkHome, 'bin', 'spark-sql'), args, {
          env,
          cwd: options.workDir,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const tail: string[] = [];
        let done = 0;
        readline.createInterface({ input: child.stdout }).on('line', (line) => log.debug(`spark: ${line}`));
        readline.createInterface({ input: child.stderr }).on('line', (line) => {
          if (line.trim() === '') return;
          tail.push(line);
          if (tail.length > 40) tail.shift();
          if (/^Time taken:/.test(line))
            log.info(`spark: statement ${++done}/${statements.length} done (${line.replace(/^Time taken:\s*/, '')})`);
          else if (/^(ERROR|FATAL)\b|^\[[A-Z_]+\]|Error in query|Exception/.test(line)) log.error(`spark: ${line}`);
          else if (/^WARN\b/.test(line)) log.warn(`spark: ${line}`);
          else log.debug(`spark: ${line}`);
        });
        child.once('error', (error) => reject(new SqlEngineError(`could not start spark-sql: ${error.message}`, { cause: error })));
        child.once('close', (code, signal) => {
          if (code === 0) return resolve();
          const failed = Math.min(done + 1, statements.length);
          reject(
            new SqlEngineError(
              `spark-sql failed (exit ${code ?? signal}) at statement ${failed}/${statements.length}, ${Math.round((Date.now() - started) / 1000)} s in:\n` +
                `${tail
                  .filter((l) => !/^\s+at /.test(l))
                  .slice(-15)
                  .join('\n')}\nstatement: ${(statements[failed - 1] ?? '').trim().slice(0, 600)}`,
            ),
          );
        });
      });
      log.info(`spark-sql done in ${Math.round((Date.now() - started) / 100) / 10} s`);
    },
  };
}
