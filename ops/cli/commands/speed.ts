// `utopia speed`: runs the speed layer until SIGTERM/SIGINT: commits the chunk in
// hand (not the rest of its fetched batch) and exits 0 within UTOPIA_STOP_GRACE_MS,
// or exits 1 at the end of the grace whatever it is waiting for (a poison event
// in hand included: nothing uncommitted is lost, the next owner replays it).

import { loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import { startMetricsServer } from '../../../common/metrics';
import { createSpeedLayer } from '../../../speed-layer';
import type { CommandRegistration } from '../command';
import { EXIT } from '../exit-codes';
import { missingNodeFlags } from '../node-flags';
import { withinGrace } from '../within-grace';

export const registerSpeed: CommandRegistration = (program, exit) => {
  program
    .command('speed')
    .description(
      'run the speed layer (Kafka -> HBase, exactly once) until stopped; SIGTERM commits the chunk in hand within UTOPIA_STOP_GRACE_MS',
    )
    .action(
      exit.action(async () => {
        const config = loadConfig();
        const log = createLogger('speed', config.logLevel);
        const missing = missingNodeFlags('speed');
        if (missing.length > 0)
          log.warn(`running without the speed layer's node flags ${missing.join(' ')} (see ops/cli/node-flags.ts): more RSS and GC`);
        const layer = createSpeedLayer(config, log);
        const endpoint =
          config.metrics.speedPort > 0
            ? await startMetricsServer(layer.metrics.registry, { host: config.metrics.host, port: config.metrics.speedPort, log })
            : undefined;
        const stopped = new Promise<number>((resolve) => {
          const stop = (): void => {
            void withinGrace(layer.stop(), config.stopGraceMs)
              .then(async (done) => {
                await endpoint?.close();
                return done ? EXIT.ok : EXIT.failure;
              })
              .then(resolve);
          };
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
        });
        await layer.start();
        return stopped;
      }),
    );
};
