// `utopia setup`: topics, HBase namespace and tables, HDFS folders (idempotent).

import { loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import { runSetup } from '../../setup';
import type { CommandRegistration } from '../command';
import { EXIT } from '../exit-codes';

export const registerSetup: CommandRegistration = (program, exit) => {
  program
    .command('setup')
    .description('create the Kafka topics, HBase namespace and tables and HDFS folders that are missing (idempotent)')
    .action(
      exit.action(async () => {
        const config = loadConfig();
        const lines = await runSetup(config, createLogger('setup', config.logLevel));
        console.log(lines.join('\n'));
        return EXIT.ok;
      }),
    );
};
