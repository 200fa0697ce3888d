// The local stack as a whole: up, down, status and reset over the services of
// stack-services.ts.

import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../common/config';
import type { Logger } from '../../common/log';
import { withFileLock } from './file-lock';
import { compileAdminTool } from './hbase-admin-tool';
import { installJars } from './install-jars';
import { stopProcesses } from './process-control';
import { ensureStarted, probeOnce, runningPids, type ServiceState } from './service-runner';
import type { ServiceContext } from './service-spec';
import { allServices, startChainsFor } from './stack-services';
import { stackLayout, type JarGroup } from './stack-layout';

export interface Stack {
  up(): Promise<void>;
  down(): Promise<void>;
  status(): Promise<ServiceState[]>;
  reset(): Promise<void>;
  readonly context: ServiceContext;
}

const stopGraceMs: Record<string, number> = { hbase: 40_000 };

export function createStack(config: Config, log: Logger): Stack {
  const context: ServiceContext = { layout: stackLayout(config.home), config, log };
  const { layout } = context;
  const locked = <T>(body: () => Promise<T>) => {
    fs.mkdirSync(layout.runDir, { recursive: true });
    fs.mkdirSync(layout.logDir, { recursive: true });
    return withFileLock(
      path.join(layout.runDir, 'stack.lock'),
      10 * 60_000,
      () => log.info('waiting for another `stack` command to finish'),
      body,
    );
  };

  async function up(): Promise<void> {
    await locked(async () => {
      const groups = [...new Set(allServices.map((s) => s.group))] as JarGroup[];
      await Promise.all(groups.map((group) => installJars(layout, group, log)));
      await compileAdminTool(layout, log);
      await Promise.all(
        startChainsFor(config).map(async (chain) => {
          for (const spec of chain) await ensureStarted(context, spec);
        }),
      );
    });
  }

  async function down(): Promise<void> {
    await locked(async () => {
      for (const spec of [...allServices].reverse()) {
        const pids = runningPids(context, spec);
        if (pids.length > 0) {
          log.info(`stopping ${spec.name} (pid ${pids.join(', ')})`);
          await stopProcesses(pids, stopGraceMs[spec.name] ?? 15_000);
        }
        fs.rmSync(layout.pidFile(spec.name), { force: true });
      }
    });
  }

  async function status(): Promise<ServiceState[]> {
    return Promise.all(allServices.map((spec) => probeOnce(context, spec)));
  }

  async function reset(): Promise<void> {
    await down();
    for (const spec of allServices) fs.rmSync(layout.data(spec.name), { recursive: true, force: true });
    fs.rmSync(path.join(layout.home, 'hdfs-tmp'), { recursive: true, force: true });
    log.info(`wiped the data of ${allServices.map((s) => s.name).join(', ')} under ${layout.home} (jars kept)`);
  }

  return { up, down, status, reset, context };
}
