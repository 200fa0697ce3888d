// `utopia landing`: runs the landing writer (Kafka -> raw Parquet in HDFS) until SIGINT/SIGTERM.

import { loadConfig } from '../../../common/config';
import { createHdfsStore } from '../../../common/hdfs';
import { createKafka } from '../../../common/kafka';
import { createLogger } from '../../../common/log';
import { startMetricsServer } from '../../../common/metrics';
import { LandingWriter } from '../../../batch-layer';
import type { CommandRegistration } from '../command';
import { EXIT } from '../exit-codes';

export const registerLanding: CommandRegistration = (program, exit) => {
  program
    .command('landing')
    .description('run the landing writer: valid events from Kafka into HDFS Parquet files, exactly once, until stopped')
    .action(exit.action(async () => {
      const config = loadConfig();
      const logger = createLogger('landing', config.logLevel);
      const writer = new LandingWriter({ config, kafka: createKafka(config, { clientIdSuffix: 'landing', logger }), hdfs: createHdfsStore(config.hdfs, { logger }), logger });
      const endpoint = config.metrics.landingPort > 0 ? await startMetricsServer(writer.metrics.registry, { host: config.metrics.host, port: config.metrics.landingPort, log: logger }) : undefined;
      await writer.start();
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await writer.stop();
      await endpoint?.close();
      return EXIT.ok;
    }));
};
