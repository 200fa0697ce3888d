// The ceilings our figure is compared with, measured on the same machine:
// Kafka's own consumer performance tool on the benchmark topic, and HBase's
// PerformanceEvaluation randomWrite when its class is installed (it ships in
// hbase-mapreduce's test jar, which the local stack does not download).

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../common/config';
import { jdk17Flags, javaBin } from '../stack/jvm';
import { stackLayout } from '../stack/stack-layout';

export interface Ceiling {
  readonly eventsPerSecond: number | null;
  readonly note: string;
}

function run(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(javaBin(), args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr.slice(-2000)}`)) : resolve(stdout))),
  );
}

export async function kafkaConsumerCeiling(config: Config, topic: string, messages: number): Promise<Ceiling> {
  const lib = stackLayout(config.home).lib('kafka');
  try {
    const out = await run([...jdk17Flags, '-Xmx512m', '-cp', `${lib}/*`, 'org.apache.kafka.tools.ConsumerPerformance',
      '--bootstrap-server', config.kafka.brokers.join(','), '--topic', topic, '--messages', String(messages), '--group', `${topic}-perf`, '--timeout', '60000'], 180_000);
    const lines = out.trim().split('\n');
    const header = (lines.find((l) => l.includes('nMsg.sec')) ?? '').split(',').map((h) => h.trim());
    const values = (lines[lines.length - 1] ?? '').split(',').map((v) => v.trim());
    const rate = Number(values[header.indexOf('nMsg.sec')]);
    return { eventsPerSecond: Number.isFinite(rate) ? Math.round(rate) : null, note: `kafka ConsumerPerformance, ${messages} messages` };
  } catch (error) {
    return { eventsPerSecond: null, note: `ConsumerPerformance failed: ${(error as Error).message.split('\n')[0]}` };
  }
}

export async function hbaseRandomWriteCeiling(config: Config, rows: number): Promise<Ceiling> {
  const lib = stackLayout(config.home).lib('hbase');
  const jars = fs.existsSync(lib) ? fs.readdirSync(lib).filter((j) => j.startsWith('hbase-mapreduce')) : [];
  if (jars.length === 0) return { eventsPerSecond: null, note: 'PerformanceEvaluation not installed (hbase-mapreduce test jar is not part of the local stack)' };
  const conf = path.join(stackLayout(config.home).conf('hbase'));
  try {
    const started = Date.now();
    await run([...jdk17Flags, '-Xmx512m', '-cp', `${conf}:${lib}/*`, 'org.apache.hadoop.hbase.PerformanceEvaluation', '--nomapred', `--rows=${rows}`, '--autoFlush=false', 'randomWrite', '1'], 600_000);
    return { eventsPerSecond: Math.round((rows * 1000) / (Date.now() - started)), note: `PerformanceEvaluation randomWrite, ${rows} rows, 1 client (incl. JVM start)` };
  } catch (error) {
    return { eventsPerSecond: null, note: `PerformanceEvaluation failed: ${(error as Error).message.split('\n')[0]}` };
  }
}
