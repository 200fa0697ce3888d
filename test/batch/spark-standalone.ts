// A real multi-process Spark for tests: a standalone master and one worker
// started with pyspark's spark-class on loopback, off the project's ports
// (master 17077, web UIs 18080/18081), each a JVM of its own; the executor
// the worker launches is a third. Stopped by pid afterwards.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { SparkInstall } from '../../batch-layer';

export const STANDALONE_PORT = 17077;
const MASTER_UI = 18080;
const WORKER_UI = 18081;

export interface SparkStandalone {
  readonly master: string;
  stop(): Promise<void>;
}

export async function startSparkStandalone(install: SparkInstall): Promise<SparkStandalone> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-standalone-'));
  const env = { ...process.env, SPARK_HOME: install.sparkHome, SPARK_LOCAL_IP: '127.0.0.1', SPARK_LOG_DIR: workDir };
  const spawnClass = (name: string, args: string[]): ChildProcess => {
    const out = fs.openSync(path.join(workDir, `${name.split('.').pop()}.log`), 'a');
    return spawn(path.join(install.sparkHome, 'bin', 'spark-class'), [name, ...args], { env, stdio: ['ignore', out, out] });
  };
  const master = `spark://127.0.0.1:${STANDALONE_PORT}`;
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const child of children.reverse()) await stopChild(child);
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  try {
    children.push(
      spawnClass('org.apache.spark.deploy.master.Master', [
        '--host',
        '127.0.0.1',
        '--port',
        String(STANDALONE_PORT),
        '--webui-port',
        String(MASTER_UI),
      ]),
    );
    await waitUntil(() => canConnect(STANDALONE_PORT), 90_000, `the Spark master on ${STANDALONE_PORT} (log in ${workDir})`);
    children.push(
      spawnClass('org.apache.spark.deploy.worker.Worker', [
        '--host',
        '127.0.0.1',
        '--webui-port',
        String(WORKER_UI),
        '--cores',
        '2',
        '--memory',
        '2g',
        '--work-dir',
        path.join(workDir, 'work'),
        master,
      ]),
    );
    await waitUntil(
      async () => {
        const state = await fetch(`http://127.0.0.1:${MASTER_UI}/json/`)
          .then((r) => r.json() as Promise<{ aliveworkers?: number }>)
          .catch(() => ({ aliveworkers: 0 }));
        return (state.aliveworkers ?? 0) > 0;
      },
      90_000,
      `a Spark worker registered with ${master} (logs in ${workDir})`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { master, stop };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
