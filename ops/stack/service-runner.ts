// Starts one service and waits until its probe succeeds, failing fast (with the
// log's last lines) if the JVM dies or a port is held by another program.

import fs from 'node:fs';
import path from 'node:path';
import { StackError, errorMessage } from '../../common/errors';
import { sleep } from '../../common/retry';
import { jdk17Flags, javaBin, serviceMarker } from './jvm';
import { takenPorts } from './port-check';
import { findServiceProcesses, isAlive, residentBytes, startDetached, tailOf } from './process-control';
import type { ServiceContext, ServiceSpec } from './service-spec';

export interface ServiceState {
  readonly spec: ServiceSpec;
  readonly pids: number[];
  readonly healthy: boolean;
  readonly detail: string;
  readonly rssBytes: number;
}

export function runningPids(ctx: ServiceContext, spec: ServiceSpec): number[] {
  return findServiceProcesses(ctx.layout.home, spec.name);
}

export async function probeOnce(ctx: ServiceContext, spec: ServiceSpec): Promise<ServiceState> {
  const pids = runningPids(ctx, spec);
  if (pids.length === 0) return { spec, pids, healthy: false, detail: 'not running', rssBytes: 0 };
  const rssBytes = pids.reduce((sum, pid) => sum + residentBytes(pid), 0);
  try {
    return { spec, pids, healthy: true, detail: await spec.probe(ctx), rssBytes };
  } catch (error) {
    return { spec, pids, healthy: false, detail: `running but not answering: ${errorMessage(error)}`, rssBytes };
  }
}

/** Starts `spec` unless it already runs; resolves when it answers its probe. */
export async function ensureStarted(ctx: ServiceContext, spec: ServiceSpec): Promise<void> {
  const started = Date.now();
  let pids = runningPids(ctx, spec);
  const alreadyRunning = pids.length > 0;
  if (!alreadyRunning) {
    await assertPortsFree(ctx, spec);
    prepare(ctx, spec);
    await spec.formatIfNeeded?.(ctx);
    ctx.log.info(`starting ${spec.title}; log: ${ctx.layout.log(spec.name)}`);
    pids = [launch(ctx, spec)];
  }
  const detail = await waitUntilReady(ctx, spec, pids);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  ctx.log.info(alreadyRunning ? `${spec.name} already running (${detail})` : `${spec.name} ready after ${seconds} s (${detail})`);
}

async function assertPortsFree(ctx: ServiceContext, spec: ServiceSpec): Promise<void> {
  const taken = await takenPorts(spec.ports(ctx));
  if (taken.length === 0) return;
  const list = taken.map((p) => `${p.port} (${p.what})`).join(', ');
  throw new StackError(
    `cannot start ${spec.title}: port ${list} is already in use by another program. ` +
      `Stop that program (see \`ss -ltnp | grep ${taken[0]?.port}\`) or point the project at it with the environment variables of the README.`,
  );
}

function prepare(ctx: ServiceContext, spec: ServiceSpec): void {
  for (const dir of [ctx.layout.conf(spec.name), ctx.layout.data(spec.name), ctx.layout.logDir, ctx.layout.runDir]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  for (const [name, content] of Object.entries(spec.configFiles(ctx))) {
    fs.writeFileSync(path.join(ctx.layout.conf(spec.name), name), content);
  }
}

function launch(ctx: ServiceContext, spec: ServiceSpec): number {
  const args = [
    ...serviceMarker(ctx.layout.home, spec.name),
    `-Xmx${spec.heapMb}m`,
    `-Xms${Math.min(spec.heapMb, 256)}m`,
    '-Djava.net.preferIPv4Stack=true',
    ...jdk17Flags,
    ...spec.jvmArgs(ctx),
    '-cp',
    `${ctx.layout.conf(spec.name)}:${ctx.layout.lib(spec.group)}/*`,
    spec.mainClass,
    ...spec.mainArgs(ctx),
  ];
  fs.appendFileSync(ctx.layout.log(spec.name), `\n==== utopia stack: starting ${spec.name} at ${new Date().toISOString()}\n`);
  return startDetached({
    command: javaBin(),
    args,
    logFile: ctx.layout.log(spec.name),
    pidFile: ctx.layout.pidFile(spec.name),
    cwd: ctx.layout.data(spec.name),
  });
}

async function waitUntilReady(ctx: ServiceContext, spec: ServiceSpec, pids: number[]): Promise<string> {
  const deadline = Date.now() + ctx.config.stack.readyTimeoutS * 1000;
  let lastProblem = '';
  for (;;) {
    if (!pids.some(isAlive)) {
      throw new StackError(
        `${spec.title} exited during start-up; log ${ctx.layout.log(spec.name)} ends with:\n${tailOf(ctx.layout.log(spec.name))}`,
      );
    }
    try {
      return await spec.probe(ctx);
    } catch (error) {
      lastProblem = errorMessage(error);
    }
    if (Date.now() > deadline) {
      throw new StackError(
        `${spec.title} did not become ready within ${ctx.config.stack.readyTimeoutS} s (last probe: ${lastProblem}); see ${ctx.layout.log(spec.name)}`,
      );
    }
    await sleep(500);
  }
}
