// `utopia batch schedule`: runs the nightly batch on a node-cron expression
// (BATCH_CRON, default 02:00) in BATCH_TIME_ZONE. Overlaps are impossible
// twice over: node-cron's noOverlap inside this process, the HDFS lock across
// processes. A failed run is logged and the schedule goes on.

import cron from 'node-cron';
import { ConfigError, errorMessage } from '../../common/errors';
import { BatchMetrics } from './batch-metrics';
import { runBatch, type BatchRunDeps } from './batch-run';

export interface BatchSchedule {
  stop(): Promise<void>;
}

export function scheduleBatch(deps: BatchRunDeps, metrics: BatchMetrics = new BatchMetrics(deps.config.batch.workDir)): BatchSchedule {
  const { config, logger } = deps;
  if (!cron.validate(config.batch.cron))
    throw new ConfigError(`BATCH_CRON=${JSON.stringify(config.batch.cron)} is not a valid cron expression`);
  const task = cron.schedule(
    config.batch.cron,
    async () => {
      const started = Date.now();
      try {
        const result = await runBatch(deps, { lockWaitMs: 0 });
        metrics.finished(result, Date.now() - started);
        logger.info(`scheduled run ${result.runId}: ${result.days.length} day(s), exit code ${result.exitCode}`);
      } catch (error) {
        metrics.failed();
        logger.error(`scheduled batch run failed: ${errorMessage(error)}`);
      }
    },
    { timezone: config.batch.timeZone, noOverlap: true, name: 'utopia-batch' },
  );
  logger.info(`batch scheduled: "${config.batch.cron}" in ${config.batch.timeZone}`);
  return { stop: async () => void (await task.stop()) };
}
