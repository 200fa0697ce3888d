// `utopia batch run [--date YYYY-MM-DD] [--wait SECONDS] [--engine node|duckdb|spark]` and `utopia batch schedule`.

import { loadConfig, parseBatchEngine, type BatchEngine, type Config } from '../../../common/config';
import { createHdfsStore } from '../../../common/hdfs';
import { HBaseStore, hbaseStoreOptions } from '../../../common/hbase';
import { createLogger } from '../../../common/log';
import { LockHeldError, runBatch, scheduleBatch } from '../../../batch-layer';
import { UsageError, type Command } from '../command';

/** Exit code when another run holds the lock (EX_TEMPFAIL: try again later). */
export const EXIT_LOCKED = 75;

export const batchCommand: Command = {
  name: 'batch',
  summary: 'nightly batch: `batch run [--date D] [--wait S] [--engine E]` compacts closed days; `batch schedule` runs it on BATCH_CRON',
  usage: 'utopia batch run [--date YYYY-MM-DD] [--wait SECONDS] [--engine node|duckdb|spark] | utopia batch schedule',
  async run(args) {
    const [sub, ...rest] = args;
    const config = loadConfig();
    if (sub === 'run') return runOnce(config, rest);
    if (sub === 'schedule') {
      if (rest.length > 0) throw new UsageError('schedule takes no arguments');
      const logger = createLogger('batch', config.logLevel);
      const hbase = new HBaseStore(hbaseStoreOptions(config, logger));
      const schedule = scheduleBatch({ config, hdfs: createHdfsStore(config.hdfs, { logger }), hbase, logger });
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await schedule.stop();
      hbase.close();
      return 0;
    }
    throw new UsageError(`unknown subcommand ${JSON.stringify(sub ?? '')}`);
  },
};

async function runOnce(config: Config, args: string[]): Promise<number> {
  let date: string | undefined;
  let waitS = 0;
  let engine: BatchEngine | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--date') date = args[++i];
    else if (args[i] === '--engine') {
      try {
        engine = parseBatchEngine(args[++i] ?? '');
      } catch (error) {
        throw new UsageError(`--engine: ${(error as Error).message}`);
      }
    }
    else if (args[i] === '--wait') waitS = Number(args[++i]);
    else throw new UsageError(`unknown argument ${JSON.stringify(args[i])}`);
  }
  if (!Number.isFinite(waitS) || waitS < 0) throw new UsageError('--wait takes a number of seconds');
  const logger = createLogger('batch', config.logLevel);
  const hbase = new HBaseStore(hbaseStoreOptions(config, logger));
  try {
    const result = await runBatch({ config, hdfs: createHdfsStore(config.hdfs, { logger }), hbase, logger }, { ...(date !== undefined ? { date } : {}), ...(engine ? { engine } : {}), lockWaitMs: waitS * 1000 });
    console.log(JSON.stringify({
      runId: result.runId, watermark: result.watermark, quarantined: result.quarantined, retentionDeleted: result.retentionDeleted,
      days: result.days.map((d) => ({ day: d.day, ...d.totals, reconciliation: summary(d), durationMs: d.durationMs })),
    }, null, 2));
    if (result.quarantined.length > 0) console.error(`utopia batch: ${result.quarantined.length} landing file(s) quarantined: ${result.quarantined.join(', ')}`);
    return result.exitCode;
  } catch (error) {
    if (error instanceof LockHeldError) {
      console.error(`utopia batch: ${error.message}`);
      return EXIT_LOCKED;
    }
    throw error;
  } finally {
    hbase.close();
  }
}

function summary(day: { reconciliation: { detectionRows: object; liveCounts: object } }): Record<string, unknown> {
  const rows = day.reconciliation.detectionRows as Record<string, unknown>;
  const counts = day.reconciliation.liveCounts as Record<string, unknown>;
  return { rowsRepaired: rows.repaired ?? rows.skipped, rowsOnlyInHBase: rows.hbaseOnly, countCellsCorrected: counts.cellsCorrected ?? counts.skipped };
}
