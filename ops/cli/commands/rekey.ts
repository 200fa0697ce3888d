// `utopia rekey --from TOPIC [--group ID]`: republishes the valid events of a
// topic written by any producer into the detections topic keyed by
// detection_oid, exactly once, until SIGTERM/SIGINT.

import { loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import { createRekeyStage } from '../../../speed-layer';
import { UsageError, type Command } from '../command';
import { parseFlags } from '../parse-flags';

export const rekeyCommand: Command = {
  name: 'rekey',
  summary: 'republish a topic of unkeyed or device-keyed events into the detections topic keyed by detection_oid (exactly once)',
  usage: 'utopia rekey --from TOPIC [--group ID]',
  async run(args) {
    const flags = parseFlags(args, ['from', 'group']);
    const fromTopic = flags.get('from');
    if (!fromTopic) throw new UsageError('--from TOPIC is required');
    const config = loadConfig();
    const stage = createRekeyStage(config, createLogger('rekey', config.logLevel), { fromTopic, groupId: flags.get('group') ?? config.rekey.groupId });
    const stopped = new Promise<void>((resolve) => {
      const stop = (): void => void stage.stop().finally(resolve);
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    await stage.start();
    await stopped;
    return 0;
  },
};
