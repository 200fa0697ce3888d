// `utopia speed`: runs the speed layer until SIGTERM/SIGINT: commits the chunk in
// hand (not the rest of its fetched batch) and exits 0 within UTOPIA_STOP_GRACE_MS,
// or exits 1 at the end of the grace whatever it is waiting for (a poison event
// in hand included: nothing uncommitted is lost, the next owner replays it).

import { loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import { createSpeedLayer } from '../../../speed-layer';
import { UsageError, type Command } from '../command';
import { withinGrace } from '../within-grace';

export const speedCommand: Command = {
  name: 'speed',
  summary: 'run the speed layer (Kafka -> HBase, exactly-once) until stopped',
  usage: 'utopia speed',
  async run(args) {
    if (args.length > 0) throw new UsageError('speed takes no arguments');
    const config = loadConfig();
    const layer = createSpeedLayer(config, createLogger('speed', config.logLevel));
    const stopped = new Promise<number>((resolve) => {
      const stop = (): void => {
        void withinGrace(layer.stop(), config.stopGraceMs).then((done) => resolve(done ? 0 : 1));
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    await layer.start();
    return stopped;
  },
};
