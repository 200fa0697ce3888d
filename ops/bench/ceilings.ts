// The ceilings our figure is compared with, measured on the same machine:
// Kafka's own consumer performance tool on the benchmark topic, and HBase's
// PerformanceEvaluation randomWrite (hbase-mapreduce's test jar, installed on
// first use as the jar group hbase-pe; the stack itself does not need it).

import { execFile } from 'node:child_process';
import type { Config } from '../../common/config';
import type { Logger } from '../../common/log';
import { installJars } from '../stack/install-jars';
import { jdk17Flags, javaBin } from '../stack/jvm';
import { stackLayout } from '../stack/stack-layout';

export interface Ceiling {
  readonly eventsPerSecond: number | null;
  readonly note: string;
}

function run(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(javaBin(), args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr.slice(-2000)}`)) : resolve(stdout),
    ),
  );
}

export async function kafkaConsumerCeiling(config: Config, topic: string, messages: number): Promise<Ceiling> {
  const lib = stackLayout(config.home).lib('kafka');
  try {
    const out = await run(
      [
        ...jdk17Flags,
        '-Xmx512m',
        '-cp',
        `${lib}/*`,
        'org.apache.kafka.tools.ConsumerPerformance',
        '--bootstrap-server',
        config.kafka.brokers.join(','),
        '--topic',
        topic,
        '--messages',
        String(messages),
        '--group',
        `${topic}-perf`,
        '--timeout',
        '60000',
      ],
      180_000,
    );
    const lines = out.trim().split('\n');
    const header = (lines.find((l) => l.includes('nMsg.sec')) ?? '').split(',').map((h) => h.trim());
    const values = (lines[lines.length - 1] ?? '').split(',').map((v) => v.trim());
    const rate = Number(values[header.indexOf('nMsg.sec')]);
    return { eventsPerSecond: Number.isFinite(rate) ? Math.round(rate) : null, note: `kafka ConsumerPerformance, ${messages} messages` };
  } catch (error) {
    return { eventsPerSecond: null, note: `ConsumerPerformance failed: ${(error as Error).message.split('\n')[0]}` };
  }
}

export async function hbaseRandomWriteCeiling(config: Config, rows: number, log: Logger): Promise<Ceiling> {
  const layout = stackLayout(config.home);
  try {
    await installJars(layout, 'hbase-pe', log);
    const started = Date.now();
    const classpath = `${layout.conf('hbase')}:${layout.lib('hbase')}/*:${layout.lib('hbase-pe')}/*`;
    // With the stack's log configuration PE prints nothing, so the figure is wall time, JVM start included.
    await run(
      [
        ...jdk17Flags,
        '-Xmx512m',
        '-cp',
        classpath,
        'org.apache.hadoop.hbase.PerformanceEvaluation',
        '--nomapred',
        `--rows=${rows}`,
        '--autoFlush=false',
        'randomWrite',
        '1',
      ],
      600_000,
    );
    return {
      eventsPerSecond: Math.round((rows * 1000) / (Date.now() - started)),
      note: `PerformanceEvaluation randomWrite, ${rows} rows, 1 client (incl. JVM start)`,
    };
  } catch (error) {
    return { eventsPerSecond: null, note: `PerformanceEvaluation failed: ${(error as Error).message.split('\n')[0]}` };
  }
}
