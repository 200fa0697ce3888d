// `utopia landing`: runs the landing writer (Kafka -> raw Parquet in HDFS) until SIGINT/SIGTERM.

import { loadConfig } from '../../../common/config';
import { createHdfsStore } from '../../../common/hdfs';
import { createKafka } from '../../../common/kafka';
import { createLogger } from '../../../common/log';
import { LandingWriter } from '../../../batch-layer';
import { UsageError, type Command } from '../command';
import { withinGrace } from '../within-grace';

export const landingCommand: Command = {
  name: 'landing',
  summary: 'run the landing writer: valid events from Kafka into HDFS Parquet files, exactly once',
  usage: 'utopia landing',
  async run(args) {
    if (args.length > 0) throw new UsageError(`unknown argument ${JSON.stringify(args[0])}`);
    const config = loadConfig();
    const logger = createLogger('landing', config.logLevel);
    let crashed: ((error: unknown) => void) | undefined;
    const crash = new Promise<unknown>((resolve) => (crashed = resolve));
    const writer = new LandingWriter({
      config, kafka: createKafka(config, { clientIdSuffix: 'landing', logger }), hdfs: createHdfsStore(config.hdfs, { logger }), logger,
      onFatal: (error) => crashed?.(error),
    });
    await writer.start();
    const outcome = await Promise.race([
      new Promise<'signal'>((resolve) => {
        process.once('SIGINT', () => resolve('signal'));
        process.once('SIGTERM', () => resolve('signal'));
      }),
      crash.then(() => 'crash' as const),
    ]);
    if (outcome === 'crash') {
      logger.error('the Kafka consumer crashed and kafkajs will not restart it: exiting 1 so a supervisor restarts the landing writer');
      await withinGrace(writer.stop(), 5_000);
      return 1;
    }
    logger.info(`stopping: flushing what is buffered (grace ${config.stopGraceMs} ms)`);
    if (!(await withinGrace(writer.stop(), config.stopGraceMs))) {
      logger.warn(`not stopped after ${config.stopGraceMs} ms: exiting anyway (unflushed messages are re-read from the last landed offset)`);
      return 1;
    }
    return 0;
  },
};
