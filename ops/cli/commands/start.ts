// `utopia start` (npm start): brings up the local stack unless
// UTOPIA_LOCAL_STACK=false, creates what the layers need, and says what runs.

import { loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import { runSetup } from '../../setup';
import { createStack } from '../../stack';
import { UsageError, type Command } from '../command';
import { statusTable } from './stack';

export const startCommand: Command = {
  name: 'start',
  summary: 'start the local stack, run setup and show what is running',
  usage: 'utopia start',
  async run(args) {
    if (args.length > 0) throw new UsageError(`unknown argument ${JSON.stringify(args[0])}`);
    const config = loadConfig();
    const log = createLogger('start', config.logLevel);
    if (config.stack.local) {
      const stack = createStack(config, log);
      await stack.up();
      for (const line of await runSetup(config, log)) log.info(line);
      const ctx = stack.context;
      console.log(statusTable(await stack.status(), (s) => s.spec.ports(ctx).map((p) => p.port).join(','), (s) => ctx.layout.log(s.spec.name)));
      console.log('\nThe local stack is running. Stop it with `npx utopia stack down`.');
    } else {
      log.info(`UTOPIA_LOCAL_STACK=false: using Kafka ${config.kafka.brokers.join(',')}, HBase via ZooKeeper ${config.hbase.zookeeperQuorum.map((q) => `${q.host}:${q.port}`).join(',')}, WebHDFS ${config.hdfs.webhdfsUrl}`);
      for (const line of await runSetup(config, log)) log.info(line);
    }
    return 0;
  },
};
