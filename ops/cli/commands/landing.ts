// `utopia landing`: runs the landing writer (Kafka -> raw Parquet in HDFS) until SIGINT/SIGTERM.

import { loadConfig } from '../../../common/config';
import { createHdfsStore } from '../../../common/hdfs';
import { createKafka } from '../../../common/kafka';
import { createLogger } from '../../../common/log';
import { startMetricsServer } from '../../../common/metrics';
import { LandingWriter } from '../../../batch-layer';
import { UsageError, type Command } from '../command';

export const landingCommand: Command = {
  name: 'landing',
  summary: 'run the landing writer: valid events from Kafka into HDFS Parquet files, exactly once',
  usage: 'utopia landing',
  async run(args) {
    if (args.length > 0) throw new UsageError(`unknown argument ${JSON.stringify(args[0])}`);
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
    return 0;
  },
};
