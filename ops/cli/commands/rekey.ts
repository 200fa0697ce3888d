// `utopia rekey --from TOPIC [--group ID]`: republishes the valid events of a
// topic written by any producer into the detections topic keyed by
// detection_oid, exactly once, until SIGTERM/SIGINT.

import { loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import { createRekeyStage } from '../../../speed-layer';
import type { CommandRegistration } from '../command';
import { EXIT } from '../exit-codes';

export const registerRekey: CommandRegistration = (program, exit) => {
  program
    .command('rekey')
    .description(
      'republish a topic of unkeyed or device-keyed events into the detections topic keyed by detection_oid, exactly once, until stopped; bad events are dead-lettered',
    )
    .requiredOption('--from <topic>', 'the topic the producers write')
    .option('--group <id>', 'consumer group and transactional id prefix (default REKEY_GROUP_ID)')
    .action(
      exit.action(async (options: { from: string; group?: string }) => {
        const config = loadConfig();
        const stage = createRekeyStage(config, createLogger('rekey', config.logLevel), {
          fromTopic: options.from,
          groupId: options.group ?? config.rekey.groupId,
        });
        const stopped = new Promise<void>((resolve) => {
          const stop = (): void => void stage.stop().finally(resolve);
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
        });
        await stage.start();
        await stopped;
        return EXIT.ok;
      }),
    );
};
