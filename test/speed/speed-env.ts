// An isolated world for one speed-layer test: random HBase namespace, topics,
// consumer group and HDFS root (set up with ops/setup), the speed layer run as
// a child process (`utopia speed`) that tests can SIGKILL, and readers that
// collect what the pipeline wrote, to compare with the simulator's truth.

import { expect } from 'chai';
import { loadConfig, type Config } from '../../common/config';
import {
  decodeCountRowKey,
  decodeDetectionCells,
  decodeDetectionRowKey,
  decodePartitionCount,
  detectionTableName,
  FAMILIES,
  liveCountsTableName,
  META_ROWS,
  metaTableName,
  parseDeadLetterHeaders,
  parseQualityQualifier,
  type QualityCounter,
} from '../../common/contract';
import { HBaseStore, hbaseStoreOptions } from '../../common/hbase';
import { createKafka } from '../../common/kafka';
import { groupLag } from '../../ops/start/group-lag';
import { createLogger } from '../../common/log';
import { sleep } from '../../common/retry';
import { countKey } from '../../ops/simulator';
import { createIsolatedStores, isolatedEnv, removeIsolatedStores } from '../helpers/isolated-world';
import { randomName } from '../helpers/random-name';
import { CliProcess } from '../helpers/cli-process';

export interface SpeedEnv {
  readonly env: NodeJS.ProcessEnv;
  readonly config: Config;
  readonly store: HBaseStore;
  cleanUp(): Promise<void>;
}

export async function createSpeedEnv(prefix: string, extra: NodeJS.ProcessEnv = {}): Promise<SpeedEnv> {
  const { id, env } = isolatedEnv(prefix, {
    HBASE_REGIONS: '4',
    KAFKA_PARTITIONS: '12',
    SPEED_REFERENCE_POLL_MS: '1000',
    SPEED_METRICS_INTERVAL_MS: '1000',
    ...extra,
  });
  env.SPEED_GROUP_ID ??= `test-${id}`;
  const config = loadConfig(env);
  const log = createLogger('test-setup', 'warn');
  await createIsolatedStores(config, log);
  const store = new HBaseStore({ ...hbaseStoreOptions(config), retryPauseMs: 100 });
  return {
    env,
    config,
    store,
    async cleanUp() {
      store.close();
      await removeIsolatedStores(config, log);
    },
  };
}

/** `utopia speed` as a child process that tests can SIGKILL, its log in a temp file. */
export class SpeedProcess extends CliProcess {
  constructor(env: NodeJS.ProcessEnv, name = 'speed') {
    super(env, 'speed', name);
  }
}

/** Waits (90 s at most) until the latest join of every instance gave it partitions: a fault then hits a member that shares the work. */
export async function waitUntilEachOwnsPartitions(...instances: SpeedProcess[]): Promise<void> {
  const latestJoin = (instance: SpeedProcess): string =>
    instance
      .log()
      .match(/joined group .*: partitions .*/g)
      ?.pop() ?? 'no join yet';
  const ownsPartitions = /: partitions \d/;
  const deadline = Date.now() + 90_000;
  while (!instances.every((i) => ownsPartitions.test(latestJoin(i))) && Date.now() < deadline) await sleep(250);
  for (const instance of instances) expect(latestJoin(instance), `${instance.name} owns partitions`).to.match(ownsPartitions);
}

/** Waits until the group (the speed layer's by default) has committed every partition up to its end offset. */
export async function waitForCaughtUp(
  config: Config,
  timeoutMs: number,
  isAlive: () => boolean = () => true,
  groupId = config.speed.groupId,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lag = -1;
  while (Date.now() < deadline) {
    lag = await groupLag(config, [groupId]).then(
      (lags) => lags.get(groupId) ?? -1,
      () => -1,
    );
    if (lag === 0) return;
    if (!isAlive()) throw new Error(`the consumer of group ${groupId} exited before catching up`);
    await sleep(1000);
  }
  throw new Error(`group ${groupId} did not catch up within ${timeoutMs} ms (lag ${lag})`);
}

export interface PipelineState {
  /** oid -> "<location>|<item>|<timestamp>" */
  readonly detections: Record<string, string>;
  readonly names: Map<string, string | null>;
  /** countKey -> sum over partitions */
  readonly counts: Record<string, number>;
  readonly quality: Record<QualityCounter, number>;
}

export async function readPipelineState(env: SpeedEnv): Promise<PipelineState> {
  const ns = env.config.hbase.namespace;
  const detections: Record<string, string> = {};
  const names = new Map<string, string | null>();
  for await (const row of env.store.scan(detectionTableName(ns), { caching: 2000 })) {
    const oid = decodeDetectionRowKey(row.key).toString();
    const d = decodeDetectionCells(new Map(row.cells.map((c) => [c.qualifier, c.value])));
    detections[oid] = `${d.geographicalLocationOid}|${d.itemName}|${d.timestampDetected}`;
    names.set(oid, d.geographicalLocation);
  }
  const counts: Record<string, number> = {};
  for await (const row of env.store.scan(liveCountsTableName(ns), { caching: 2000 })) {
    const key = decodeCountRowKey(row.key);
    const total = row.cells.reduce((sum, c) => sum + Number(decodePartitionCount(c.value).count), 0);
    counts[countKey(key.locationOid, key.bucketStartMs, key.itemName)] = total;
  }
  const quality: Record<QualityCounter, number> = { accepted: 0, duplicates: 0, dead_letters: 0, late: 0, unknown_location: 0 };
  const meta = await env.store.get(metaTableName(ns), Buffer.from(META_ROWS.quality, 'utf8'), { families: [FAMILIES.meta] });
  for (const cell of meta?.cells ?? []) {
    const parsed = parseQualityQualifier(cell.qualifier);
    if (parsed) quality[parsed.counter] += Number(decodePartitionCount(cell.value).count);
  }
  return { detections, names, counts, quality };
}

export interface DeadLetterRecord {
  readonly key: string | null;
  readonly value: string;
  readonly reason: string;
  readonly source: string;
  /** Set on a dead letter sent shrunk (its topic refused it as too large): the original value's size. */
  readonly truncatedFromBytes?: number;
  readonly detectionOid?: string;
}

/** Every committed record of the dead-letter topic (read_committed, from the start). */
export async function readDeadLetters(config: Config, expected: number, idleMs = 5000): Promise<DeadLetterRecord[]> {
  const kafka = createKafka(config, { clientIdSuffix: 'test-dl' });
  const consumer = kafka.consumer({ groupId: randomName('test-dl-reader') });
  const records: DeadLetterRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: config.kafka.deadLetterTopic, fromBeginning: true });
    let last = Date.now();
    await consumer.run({
      eachMessage: async ({ message }) => {
        const info = parseDeadLetterHeaders(message.headers ?? {});
        records.push({
          key: message.key?.toString('utf8') ?? null,
          value: message.value?.toString('utf8') ?? '',
          reason: info?.reason ?? '(no reason header)',
          source: info ? `${info.sourcePartition}:${info.sourceOffset}` : '',
          ...(info?.truncatedFromBytes === undefined ? {} : { truncatedFromBytes: info.truncatedFromBytes }),
          ...(info?.detectionOid === undefined ? {} : { detectionOid: info.detectionOid }),
        });
        last = Date.now();
      },
    });
    const started = Date.now();
    while (Date.now() - started < 120_000 && (records.length < expected || Date.now() - last < idleMs)) await sleep(250);
    return records;
  } finally {
    await consumer.disconnect();
  }
}
