// `utopia landing`: runs the landing writer (Kafka -> raw Parquet in HDFS) until SIGINT/SIGTERM.

import { loadConfig } from '../../../common/config';
import { createHdfsStore } from '../../../common/hdfs';
import { createKafka } from '../../../common/kafka';
import { createLogger } from '../../../common/log';
import { startMetricsServer } from '../../../common/metrics';
import { LandingWriter } from '../../../batch-layer';
import type { CommandRegistration } from '../command';
import { EXIT } from '../exit-codes';
import { withinGrace } from '../within-grace';

export const registerLanding: CommandRegistration = (program, exit) => {
  program
    .command('landing')
    .description(
      'run the landing writer: valid events from Kafka into HDFS Parquet files, exactly once, until stopped; SIGTERM flushes within UTOPIA_STOP_GRACE_MS',
    )
    .action(
      exit.action(async () => {
        const config = loadConfig();
        const logger = createLogger('landing', config.logLevel);
        let crashed: ((error: unknown) => void) | undefined;
        const crash = new Promise<unknown>((resolve) => (crashed = resolve));
        const writer = new LandingWriter({
          config,
          kafka: createKafka(config, { clientIdSuffix: 'landing', logger }),
          hdfs: createHdfsStore(config.hdfs, { logger }),
          logger,
          onFatal: (error) => crashed?.(error),
        });
        const endpoint =
          config.metrics.landingPort > 0
            ? await startMetricsServer(writer.metrics.registry, {
                host: config.metrics.host,
                port: config.metrics.landingPort,
                log: logger,
              })
            : undefined;
        try {
          await writer.start();
          const outcome = await Promise.race([
            new Promise<'signal'>((resolve) => {
              process.once('SIGINT', () => resolve('signal'));
              process.once('SIGTERM', () => resolve('signal'));
            }),
            crash.then(() => 'crash' as const),
          ]);
          if (outcome === 'crash') {
            logger.error(
              'the Kafka consumer crashed and kafkajs will not restart it: exiting 1 so a supervisor restarts the landing writer',
            );
            await withinGrace(writer.stop(), 5_000);
            return EXIT.failure;
          }
          logger.info(`stopping: flushing what is buffered (grace ${config.stopGraceMs} ms)`);
          if (!(await withinGrace(writer.stop(), config.stopGraceMs))) {
            logger.warn(
              `not stopped after ${config.stopGraceMs} ms: exiting anyway (unflushed messages are re-read from the last landed offset)`,
            );
            return EXIT.failure;
          }
          return EXIT.ok;
        } finally {
          await endpoint?.close();
        }
      }),
    );
};
