// `utopia stack up | down | status | reset`: the local Kafka, HDFS and HBase.

import { loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import { createStack, type ServiceState } from '../../stack';
import { UsageError, type Command } from '../command';
import { formatTable } from '../format-table';

const mib = (bytes: number) => `${Math.round(bytes / 1048576)} MiB`;

export function statusTable(states: readonly ServiceState[], portsOf: (s: ServiceState) => string, logOf: (s: ServiceState) => string): string {
  const table = formatTable(
    ['service', 'state', 'pid', 'ports', 'rss', 'health', 'log'],
    states.map((s) => [
      s.spec.name,
      s.healthy ? 'up' : s.pids.length > 0 ? 'unhealthy' : 'down',
      s.pids.join(',') || '-',
      portsOf(s),
      s.pids.length > 0 ? mib(s.rssBytes) : '-',
      s.detail,
      logOf(s),
    ]),
  );
  return `${table}\ntotal rss: ${mib(states.reduce((sum, s) => sum + s.rssBytes, 0))}`;
}

export const stackCommand: Command = {
  name: 'stack',
  summary: 'run the local Kafka, HDFS and HBase (up | down | status | reset)',
  usage: 'utopia stack up | down | status | reset',
  async run(args) {
    const [action, ...rest] = args;
    if (rest.length > 0 || !action) throw new UsageError('expected exactly one action');
    const config = loadConfig();
    const log = createLogger('stack', config.logLevel);
    const stack = createStack(config, log);
    const started = Date.now();
    switch (action) {
      case 'up':
        await stack.up();
        log.info(`stack up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return 0;
      case 'down':
        await stack.down();
        log.info('stack down');
        return 0;
      case 'reset':
        await stack.reset();
        return 0;
      case 'status': {
        const states = await stack.status();
        const ctx = stack.context;
        console.log(statusTable(states, (s) => s.spec.ports(ctx).map((p) => p.port).join(','), (s) => ctx.layout.log(s.spec.name)));
        return states.every((s) => s.healthy) ? 0 : 1;
      }
      default:
        throw new UsageError(`unknown action ${JSON.stringify(action)}`);
    }
  },
};
