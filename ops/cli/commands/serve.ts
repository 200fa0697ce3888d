// `utopia serve`: the serving API and dashboard until SIGINT/SIGTERM.

import { describeConfig, loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import { startServing } from '../../../serving';
import type { CommandRegistration } from '../command';
import { EXIT } from '../exit-codes';

export const registerServe: CommandRegistration = (program, exit) => {
  program
    .command('serve')
    .description('serve the REST API, /metrics and the live dashboard (API_HOST:API_PORT) until stopped')
    .action(
      exit.action(async () => {
        const config = loadConfig();
        const log = createLogger('serve', config.logLevel);
        for (const line of describeConfig().filter(
          (l) => l.startsWith('API_') || l.startsWith('HBASE_NAMESPACE') || l.startsWith('HDFS_ROOT'),
        ))
          log.info(line);
        const server = await startServing(config, log);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        log.info('stopping');
        await server.close();
        return EXIT.ok;
      }),
    );
};
