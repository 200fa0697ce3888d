// `utopia stack up | down | status | reset`: the local Kafka, HDFS and HBase.

import type { Command } from 'commander';
import { loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import { createStack, type ServiceState } from '../../stack';
import type { CommandRegistration, ExitCodeHolder } from '../command';
import { EXIT } from '../exit-codes';
import { formatTable } from '../format-table';

const mib = (bytes: number) => `${Math.round(bytes / 1048576)} MiB`;

const stateOf = (s: ServiceState): 'up' | 'unhealthy' | 'down' => (s.healthy ? 'up' : s.pids.length > 0 ? 'unhealthy' : 'down');

export function statusTable(
  states: readonly ServiceState[],
  portsOf: (s: ServiceState) => string,
  logOf: (s: ServiceState) => string,
): string {
  const table = formatTable(
    ['service', 'state', 'pid', 'ports', 'rss', 'health', 'log'],
    states.map((s) => [
      s.spec.name,
      stateOf(s),
      s.pids.join(',') || '-',
      portsOf(s),
      s.pids.length > 0 ? mib(s.rssBytes) : '-',
      s.detail,
      logOf(s),
    ]),
  );
  return `${table}\ntotal rss: ${mib(states.reduce((sum, s) => sum + s.rssBytes, 0))}`;
}

/** `stack status --json`: one object per service, for scripts. */
export function statusJson(
  states: readonly ServiceState[],
  portsOf: (s: ServiceState) => number[],
  logOf: (s: ServiceState) => string,
): object[] {
  return states.map((s) => ({
    service: s.spec.name,
    state: stateOf(s),
    healthy: s.healthy,
    pids: s.pids,
    ports: portsOf(s),
    rssBytes: s.rssBytes,
    health: s.detail,
    log: logOf(s),
  }));
}

function stackAction(
  exit: ExitCodeHolder,
  body: (stack: ReturnType<typeof createStack>, log: ReturnType<typeof createLogger>) => Promise<number>,
) {
  return exit.action(async () => {
    const config = loadConfig();
    const log = createLogger('stack', config.logLevel);
    return body(createStack(config, log), log);
  });
}

export const registerStack: CommandRegistration = (program: Command, exit) => {
  const stack = program.command('stack').description('the local Kafka, HDFS and HBase: up | down | status | reset');
  stack
    .command('up')
    .description('download what is missing, format on first use, start every service and return once each answers (a no-op when running)')
    .action(
      stackAction(exit, async (s, log) => {
        const started = Date.now();
        await s.up();
        log.info(`stack up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return EXIT.ok;
      }),
    );
  stack
    .command('down')
    .description('stop every service (SIGTERM, then SIGKILL after a grace period)')
    .action(
      stackAction(exit, async (s, log) => {
        await s.down();
        log.info('stack down');
        return EXIT.ok;
      }),
    );
  stack
    .command('status')
    .description('each service, its pids, ports, memory, health (a real round trip) and log; exit code 1 if one is down or not answering')
    .option('--json', 'print the services as a JSON array')
    .action((options: { json?: boolean }) =>
      stackAction(exit, async (s) => {
        const states = await s.status();
        const ctx = s.context;
        const ports = (st: ServiceState) => st.spec.ports(ctx).map((p) => p.port);
        const log = (st: ServiceState) => ctx.layout.log(st.spec.name);
        console.log(
          options.json ? JSON.stringify(statusJson(states, ports, log), null, 2) : statusTable(states, (st) => ports(st).join(','), log),
        );
        return states.every((st) => st.healthy) ? EXIT.ok : EXIT.failure;
      })(),
    );
  stack
    .command('reset')
    .description("stop, then wipe the services' data (downloaded jars are kept)")
    .action(
      stackAction(exit, async (s) => {
        await s.reset();
        return EXIT.ok;
      }),
    );
};
