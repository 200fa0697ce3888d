// A throw-away namespace, topics and consumer group for one benchmark run, the
// speed layer as a child process, and the group's lag.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadConfig, repoRoot, type Config } from '../../common/config';
import { withKafkaAdmin } from '../../common/kafka';
import { groupLag } from '../start/group-lag';
import { retry } from '../../common/retry';
import { createLogger } from '../../common/log';
import { createHdfsStore } from '../../common/hdfs';
import { runSetup } from '../setup';
import { createHBaseAdmin } from '../stack/hbase-admin-tool';
import { stackLayout } from '../stack/stack-layout';
import { cliNodeArgs } from '../cli/node-flags';

export interface BenchWorld {
  readonly env: NodeJS.ProcessEnv;
  readonly config: Config;
  /** `nodeArgs` go to node before the script, e.g. ['--cpu-prof', '--cpu-prof-dir', dir]. */
  startSpeed(logFile: string, nodeArgs?: readonly string[]): ChildProcess;
  /** The speed child's Prometheus /metrics. */
  readonly speedMetricsUrl: string;
  lag(): Promise<number>;
  cleanUp(): Promise<void>;
}

export async function createBenchWorld(): Promise<BenchWorld> {
  const id = `bench_${Date.now().toString(36)}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HBASE_NAMESPACE: id,
    KAFKA_DETECTIONS_TOPIC: `${id}.detections`,
    KAFKA_DEAD_LETTER_TOPIC: `${id}.dead-letter`,
    HDFS_ROOT: `/tmp-bench/${id}`,
    SPEED_GROUP_ID: `${id}-speed`,
    // A port of its own: another speed layer on this machine may hold the default one.
    SPEED_METRICS_PORT: String(await freePort()),
  };
  const config = loadConfig(env);
  await runSetup(config, createLogger('bench-setup', 'warn'));
  return {
    env,
    config,
    speedMetricsUrl: `http://127.0.0.1:${config.metrics.speedPort}/metrics`,
    startSpeed(logFile, nodeArgs = []) {
      fs.mkdirSync(path.dirname(logFile), { recursive: true });
      const log = fs.openSync(logFile, 'w');
      const child = spawn(
        process.execPath,
        [...cliNodeArgs('speed'), ...nodeArgs, path.join(repoRoot, 'dist', 'ops', 'cli', 'utopia.js'), 'speed'],
        {
          env,
          stdio: ['ignore', log, log],
        },
      );
      fs.closeSync(log);
      return child;
    },
    // On a broker just started, the group's coordinator may still be loading
    // (NOT_COORDINATOR, retriable): the poll waits for it instead of failing the run.
    lag: async () =>
      (await retry(() => groupLag(config, [config.speed.groupId]), { retries: 10, initialDelayMs: 500 })).get(config.speed.groupId) ?? 0,
    async cleanUp() {
      const admin = await createHBaseAdmin(stackLayout(config.home), config, createLogger('bench', 'warn'));
      await admin.deleteTables((await admin.listTables(config.hbase.namespace)).map(String));
      await admin.runOrThrow([{ op: 'deleteNamespace', namespace: config.hbase.namespace }]);
      await withKafkaAdmin(config, {}, (kafka) =>
        kafka.deleteTopics({ topics: [config.kafka.detectionsTopic, config.kafka.deadLetterTopic] }),
      );
      await createHdfsStore(config.hdfs).delete(config.hdfs.root, { recursive: true });
    },
  };
}

/** Resident set size of a process in bytes (Linux), 0 when it is gone. */
export function rssOf(pid: number | undefined): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The pid of a local stack service (`utopia stack up`), or undefined when it runs elsewhere. */
export function stackServicePid(config: Config, service: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(stackLayout(config.home).pidFile(service), 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 && fs.existsSync(`/proc/${pid}/stat`) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A TCP port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
