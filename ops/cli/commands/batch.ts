// `utopia batch run [--date YYYY-MM-DD] [--wait SECONDS] [--now ISO] [--engine node|duckdb|spark] [--json]` and `utopia batch schedule`.

import { Option } from 'commander';
import { fixedClock, systemClock, type Clock } from '../../../common/clock';
import { BATCH_ENGINES, loadConfig, type BatchEngine, type Config } from '../../../common/config';
import { isEventDay } from '../../../common/contract';
import { createHdfsStore, type HdfsStore } from '../../../common/hdfs';
import { HBaseStore, hbaseStoreOptions, type HBaseCallObserver } from '../../../common/hbase';
import { createLogger, type Logger } from '../../../common/log';
import { hbaseCallMetrics, startMetricsServer } from '../../../common/metrics';
import { createProgress } from '../../../common/progress';
import { BatchMetrics, LockHeldError, runBatch, scheduleBatch } from '../../../batch-layer';
import { numberArg, UsageError, type CommandRegistration } from '../command';
import { EXIT } from '../exit-codes';

export const registerBatch: CommandRegistration = (program, exit) => {
  const batch = program.command('batch').description('the nightly batch: compaction, views, reconciliation, report, watermark');
  batch
    .command('run')
    .description('run the nightly batch once: every closed day not yet compacted, or --date D; prints the run summary as JSON')
    .option('--date <YYYY-MM-DD>', 'compact this UTC event day (again)')
    .option(
      '--wait <seconds>',
      'wait this long for another run to release the lock',
      numberArg((n) => Number.isFinite(n) && n >= 0, 'a number of seconds'),
      0,
    )
    .option(
      '--now <ISO-8601>',
      "the run's clock for choosing closed days, an instant with its zone (e.g. 2026-12-01T23:59:30Z); default: now",
    )
    .addOption(
      new Option('--engine <engine>', "engine of the days' compaction, top-X and totals (default BATCH_ENGINE)").choices(BATCH_ENGINES),
    )
    .option('--json', 'print the summary as JSON (the default; for scripts that want to say so)')
    .addHelpText('after', `\nExit codes: 0 done, 1 failed or files quarantined, ${EXIT.locked} another run holds the lock.\n`)
    .action(
      exit.action(async (options: { date?: string; wait: number; now?: string; engine?: BatchEngine }) => {
        if (options.date !== undefined && !isEventDay(options.date)) throw new UsageError('--date must be YYYY-MM-DD');
        const clock: Clock = options.now === undefined ? systemClock : fixedClock(parseNow(options.now));
        return runOnce(loadConfig(), options.date, options.wait, clock, options.engine);
      }),
    );
  batch
    .command('schedule')
    .description('run the nightly batch on BATCH_CRON (BATCH_TIME_ZONE) until stopped')
    .action(
      exit.action(async () => {
        const config = loadConfig();
        const logger = createLogger('batch', config.logLevel);
        const metrics = new BatchMetrics(config.batch.workDir);
        const { hbase, hdfs } = batchStores(config, logger, hbaseCallMetrics(metrics.registry));
        const schedule = scheduleBatch({ config, hdfs, hbase, logger }, metrics);
        const endpoint =
          config.metrics.batchPort > 0
            ? await startMetricsServer(metrics.registry, { host: config.metrics.host, port: config.metrics.batchPort, log: logger })
            : undefined;
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await schedule.stop();
        await endpoint?.close();
        hbase.close();
        return EXIT.ok;
      }),
    );
};

/** The batch's stores, built here (its entry point) and passed down as interfaces. */
function batchStores(config: Config, logger: Logger, onCall?: HBaseCallObserver): { hbase: HBaseStore; hdfs: HdfsStore } {
  return {
    hbase: new HBaseStore({ ...hbaseStoreOptions(config, logger), ...(onCall ? { onCall } : {}) }),
    hdfs: createHdfsStore(config.hdfs, { logger }),
  };
}

async function runOnce(
  config: Config,
  date: string | undefined,
  waitS: number,
  clock: Clock,
  engine: BatchEngine | undefined,
): Promise<number> {
  const logger = createLogger('batch', config.logLevel);
  const { hbase, hdfs } = batchStores(config, logger);
  const progress = createProgress({ phase: 'batch', unit: 'rows', log: logger });
  try {
    const result = await runBatch(
      { config, hdfs, hbase, logger, progress },
      { ...(date !== undefined ? { date } : {}), ...(engine ? { engine } : {}), lockWaitMs: waitS * 1000, clock },
    );
    console.log(
      JSON.stringify(
        {
          runId: result.runId,
          watermark: result.watermark,
          quarantined: result.quarantined,
          retentionDeleted: result.retentionDeleted,
          days: result.days.map((d) => ({ day: d.day, ...d.totals, reconciliation: summary(d), durationMs: d.durationMs })),
        },
        null,
        2,
      ),
    );
    if (result.quarantined.length > 0)
      console.error(`utopia batch: ${result.quarantined.length} landing file(s) quarantined: ${result.quarantined.join(', ')}`);
    return result.exitCode;
  } catch (error) {
    if (error instanceof LockHeldError) {
      console.error(`utopia batch: ${error.message}`);
      return EXIT.locked;
    }
    throw error;
  } finally {
    progress.stop();
    hbase.close();
  }
}

function summary(day: { reconciliation: { detectionRows: object; liveCounts: object } }): Record<string, unknown> {
  const rows = day.reconciliation.detectionRows as Record<string, unknown>;
  const counts = day.reconciliation.liveCounts as Record<string, unknown>;
  return {
    rowsRepaired: rows.repaired ?? rows.skipped,
    rowsOnlyInHBase: rows.hbaseOnly,
    countCellsCorrected: counts.cellsCorrected ?? counts.skipped,
  };
}

/** `--now`: an ISO-8601 instant with its zone (e.g. 2026-12-01T23:59:30Z), the run's clock for closing days. */
export function parseNow(raw: string | undefined): number {
  const ms = raw !== undefined && /(Z|[+-]\d{2}:\d{2})$/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms))
    throw new UsageError(`--now takes an ISO-8601 instant with its zone, e.g. 2026-12-01T23:59:30Z; got ${JSON.stringify(raw ?? '')}`);
  return ms;
}
