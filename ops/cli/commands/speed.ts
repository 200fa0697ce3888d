// `utopia speed`: runs the speed layer until SIGTERM/SIGINT (finishes the batch in hand, commits, exits 0).

import { loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import { startMetricsServer } from '../../../common/metrics';
import { createSpeedLayer } from '../../../speed-layer';
import type { CommandRegistration } from '../command';
import { EXIT } from '../exit-codes';

export const registerSpeed: CommandRegistration = (program, exit) => {
  program
    .command('speed')
    .description('run the speed layer (Kafka -> HBase, exactly once) until stopped')
    .action(exit.action(async () => {
      const config = loadConfig();
      const log = createLogger('speed', config.logLevel);
      const layer = createSpeedLayer(config, log);
      const endpoint = config.metrics.speedPort > 0 ? await startMetricsServer(layer.metrics.registry, { host: config.metrics.host, port: config.metrics.speedPort, log }) : undefined;
      const stopped = new Promise<void>((resolve) => {
        const stop = (): void => void layer.stop().finally(() => endpoint?.close()).finally(resolve);
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      await layer.start();
      await stopped;
      return EXIT.ok;
    }));
};
