// Switches the shared stack's HBase between its two rootdirs (local files or
// the stack's NameNode): stops HBase alone, starts the stack with the other
// UTOPIA_HBASE_ROOTDIR (HDFS and Kafka keep running) and re-runs setup, whose
// tables live in the rootdir. WARNING: every other test on the stack loses
// HBase meanwhile; run under the shared lock.

import type { Config } from '../../common/config';
import type { Logger } from '../../common/log';
import { retry } from '../../common/retry';
import { runSetup } from '../../ops/setup';
import { createStack } from '../../ops/stack';
import { findServiceProcesses, stopProcesses } from '../../ops/stack/process-control';

export type HBaseRootdir = Config['stack']['hbaseRootdir'];

export function withHBaseRootdir(config: Config, hbaseRootdir: HBaseRootdir): Config {
  return { ...config, stack: { ...config.stack, hbaseRootdir } };
}

/** Restarts HBase on `hbaseRootdir` and runs setup there; returns the configuration that names it. */
export async function switchHBaseRootdir(config: Config, hbaseRootdir: HBaseRootdir, log: Logger): Promise<Config> {
  const target = withHBaseRootdir(config, hbaseRootdir);
  const pids = findServiceProcesses(config.home, 'hbase');
  log.info(`HBase rootdir -> ${hbaseRootdir}: stopping HBase (pid ${pids.join(', ') || 'none'})`);
  await stopProcesses(pids, 40_000);
  await createStack(target, log).up();
  // HBase answers (meta online) before its master has finished initialising; after a
  // region server died on this rootdir (e.g. a failed fault suite) the crash recovery
  // takes ~30 s more, and the admin calls of setup fail meanwhile ("Master is
  // initializing", not a retriable error): try again for about a minute.
  await retry(() => runSetup(target, log), { retries: 15, fatalAttempts: 16, initialDelayMs: 2000, maxDelayMs: 5000 });
  return target;
}
