// `utopia setup`: topics, HBase namespace and tables, HDFS folders (idempotent).

import { loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import { runSetup } from '../../setup';
import { UsageError, type Command } from '../command';

export const setupCommand: Command = {
  name: 'setup',
  summary: 'create the Kafka topics, HBase tables and HDFS folders (idempotent)',
  usage: 'utopia setup',
  async run(args) {
    if (args.length > 0) throw new UsageError('setup takes no arguments');
    const config = loadConfig();
    const lines = await runSetup(config, createLogger('setup', config.logLevel));
    console.log(lines.join('\n'));
    return 0;
  },
};
