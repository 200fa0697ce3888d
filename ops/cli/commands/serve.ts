// `utopia serve`: the serving API and dashboard until SIGINT/SIGTERM.

import { describeConfig, loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import { startServing } from '../../../serving';
import { UsageError, type Command } from '../command';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the REST API, /metrics and the live dashboard (API_HOST:API_PORT)',
  usage: 'utopia serve',
  async run(args) {
    if (args.length > 0) throw new UsageError(`unknown argument ${JSON.stringify(args[0])}`);
    const config = loadConfig();
    const log = createLogger('serve', config.logLevel);
    for (const line of describeConfig().filter((l) => l.startsWith('API_') || l.startsWith('HBASE_NAMESPACE') || l.startsWith('HDFS_ROOT'))) log.info(line);
    const server = await startServing(config, log);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    log.info('stopping');
    await server.close();
    return 0;
  },
};
