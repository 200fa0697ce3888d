// Stops one service of the local stack (SIGTERM, SIGKILL after a grace) and
// starts it again with the stack's own code, so it comes back as `stack up`
// would start it. WARNING: disturbs every other test on the same stack.

import { expect } from 'chai';
import type { Config } from '../../common/config';
import type { Logger } from '../../common/log';
import { sleep } from '../../common/retry';
import { createStack } from '../../ops/stack';
import { findServiceProcesses, stopProcesses } from '../../ops/stack/process-control';

export type RestartableService = 'kafka' | 'hbase' | 'namenode' | 'datanode';

const STOP_GRACE_MS: Record<RestartableService, number> = { kafka: 15_000, hbase: 40_000, namenode: 15_000, datanode: 15_000 };

export async function restartService(config: Config, service: RestartableService, downMs: number, log: Logger): Promise<void> {
  const pids = findServiceProcesses(config.home, service);
  expect(pids, `${service} runs`).to.not.deep.equal([]);
  log.info(`stopping ${service} (pid ${pids.join(', ')})`);
  await stopProcesses(pids, STOP_GRACE_MS[service]);
  await sleep(downMs);
  log.info(`starting ${service} again`);
  await createStack(config, log).up();
}
