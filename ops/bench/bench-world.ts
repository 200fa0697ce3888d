// A throw-away namespace, topics and consumer group for one benchmark run, the
// speed layer as a child process, and the group's lag.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, repoRoot, type Config } from '../../common/config';
import { withKafkaAdmin } from '../../common/kafka';
import { groupLag } from '../start/group-lag';
import { createLogger } from '../../common/log';
import { createHdfsStore } from '../../common/hdfs';
import { runSetup } from '../setup';
import { createHBaseAdmin } from '../stack/hbase-admin-tool';
import { stackLayout } from '../stack/stack-layout';

export interface BenchWorld {
  readonly env: NodeJS.ProcessEnv;
  readonly config: Config;
  startSpeed(logFile: string): ChildProcess;
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
  };
  const config = loadConfig(env);
  await runSetup(config, createLogger('bench-setup', 'warn'));
  return {
    env,
    config,
    startSpeed(logFile) {
      fs.mkdirSync(path.dirname(logFile), { recursive: true });
      const log = fs.openSync(logFile, 'w');
      const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'ops', 'cli', 'utopia.js'), 'speed'], { env, stdio: ['ignore', log, log] });
      fs.closeSync(log);
      return child;
    },
    lag: async () => (await groupLag(config, [config.speed.groupId])).get(config.speed.groupId) ?? 0,
    async cleanUp() {
      const admin = await createHBaseAdmin(stackLayout(config.home), config, createLogger('bench', 'warn'));
      await admin.deleteTables((await admin.listTables(config.hbase.namespace)).map(String));
      await admin.runOrThrow([{ op: 'deleteNamespace', namespace: config.hbase.namespace }]);
      await withKafkaAdmin(config, {}, (kafka) => kafka.deleteTopics({ topics: [config.kafka.detectionsTopic, config.kafka.deadLetterTopic] }));
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
