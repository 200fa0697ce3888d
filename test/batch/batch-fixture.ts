// Shared set-up of the batch integration tests: a private world on the real
// stack (random topics, HBase namespace, HDFS root, consumer group, work dir),
// created with ops/setup and removed afterwards; the landing writer as a child
// process; readers of the warehouse and of the HBase batch view.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, repoRoot, type Config } from '../../common/config';
import {
  batchViewsTableName,
  decodeCountRowKey,
  decodeTopItemsRowKey,
  FAMILIES,
  landingDir,
  parseLandingFileName,
  topItemsPrefix,
  countScanRange,
  dayRange,
  decodeBatchCount,
  type LandingFile,
} from '../../common/contract';
import { createHdfsStore, type WebHdfsStore } from '../../common/hdfs';
import { HBaseStore, hbaseStoreOptions, cellValue } from '../../common/hbase';
import { createLogger, type Logger } from '../../common/log';
import { openParquet } from '../../common/parquet';
import { createIsolatedStores, isolatedEnv, removeIsolatedStores } from '../helpers/isolated-world';

export interface BatchWorld {
  readonly env: NodeJS.ProcessEnv;
  readonly config: Config;
  readonly hdfs: WebHdfsStore;
  readonly hbase: HBaseStore;
  readonly logger: Logger;
  remove(): Promise<void>;
}

export async function createBatchWorld(prefix: string, overrides: Record<string, string> = {}): Promise<BatchWorld> {
  const { id: suffix, env } = isolatedEnv(prefix);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `${suffix}-`));
  Object.assign(env, {
    HBASE_REGIONS: '2',
    KAFKA_PARTITIONS: '3',
    LANDING_GROUP_ID: `test-${suffix}-landing`,
    LANDING_FLUSH_ROWS: '400',
    LANDING_FLUSH_AGE_MS: '1500',
    BATCH_WORK_DIR: workDir,
    BATCH_SPILL_BUCKETS: '4',
    BATCH_PART_ROWS: '1500',
    BATCH_TOP_X: '5',
    BATCH_CLOSE_GRACE_MIN: '0',
    UTOPIA_LOG_LEVEL: 'warn',
    ...overrides,
  });
  const config = loadConfig(env);
  const logger = createLogger('test-batch', 'warn');
  await createIsolatedStores(config, logger);
  const hdfs = createHdfsStore(config.hdfs, { retry: { retries: 4, initialDelayMs: 50, maxDelayMs: 500 } });
  const hbase = new HBaseStore({ ...hbaseStoreOptions(config), retryPauseMs: 50 });
  return {
    env,
    config,
    hdfs,
    hbase,
    logger,
    async remove() {
      hbase.close();
      await removeIsolatedStores(config, logger);
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** `node dist/ops/cli/utopia.js landing` with the world's environment. */
export function startLandingProcess(world: BatchWorld): ChildProcess {
  const cli = path.join(repoRoot, 'dist', 'ops', 'cli', 'utopia.js');
  const child = spawn(process.execPath, [cli, 'landing'], {
    env: { ...world.env, UTOPIA_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (process.env.TEST_VERBOSE) process.stderr.write(`[landing ${child.pid}] ${chunk.toString()}`);
  });
  return child;
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Runs the landing writer until `messages` messages are in landing files (at most 2 min), then stops it with SIGTERM. */
export async function landAll(world: BatchWorld, messages: number, what = `all ${messages} messages landed`): Promise<void> {
  const writer = startLandingProcess(world);
  try {
    await waitFor(async () => landedMessages(await landingFiles(world)) >= messages, 120_000, what);
  } finally {
    await stopProcess(writer, 'SIGTERM');
  }
}

export async function landingFiles(world: BatchWorld): Promise<LandingFile[]> {
  const base = landingDir(world.config.hdfs.root);
  if (!(await world.hdfs.exists(base))) return [];
  const files: LandingFile[] = [];
  for (const dir of await world.hdfs.list(base)) {
    for (const entry of await world.hdfs.list(`${base}/${dir.name}`)) {
      const parsed = parseLandingFileName(entry.name);
      if (parsed) files.push(parsed);
    }
  }
  return files;
}

/** Messages covered by landing files (sum of offset ranges). */
export function landedMessages(files: readonly LandingFile[]): number {
  return files.reduce((sum, f) => sum + Number(f.endOffset - f.startOffset) + 1, 0);
}

export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export interface WarehouseRecord {
  readonly oid: bigint;
  readonly location: bigint;
  readonly camera: bigint;
  readonly item: string;
  readonly ts: number;
  readonly name: string | null;
}

export async function readWarehouse(world: BatchWorld, dir: string): Promise<WarehouseRecord[]> {
  const out: WarehouseRecord[] = [];
  for (const entry of await world.hdfs.list(dir)) {
    if (!entry.name.endsWith('.parquet')) continue;
    const file = await openParquet(await world.hdfs.readFile(`${dir}/${entry.name}`));
    for (let g = 0; g < file.footer.rowGroups.length; g++) {
      const c = await file.readRowGroup(g);
      const col = (name: string) => c.get(name) as unknown[];
      const oid = col('detection_oid');
      for (let i = 0; i < oid.length; i++) {
        out.push({
          oid: oid[i] as bigint,
          location: col('geographical_location_oid')[i] as bigint,
          camera: col('video_camera_oid')[i] as bigint,
          item: col('item_name')[i] as string,
          ts: Number(col('timestamp_detected')[i]),
          name: col('geographical_location')[i] as string | null,
        });
      }
    }
    await file.close();
  }
  return out;
}

/** HBase hour counts of `locations` on `day`, item scope: "loc|hourStartMs|item" -> count. */
export async function readHourCounts(world: BatchWorld, day: string, locations: Iterable<bigint>): Promise<Map<string, number>> {
  const { startMs, endMs } = dayRange(day);
  const out = new Map<string, number>();
  for (const location of locations) {
    const { startRow, stopRow } = countScanRange('hour', 'item', location, startMs, endMs);
    for (const row of await world.hbase.scanAll(batchViewsTableName(world.config.hbase.namespace), { start: startRow, stop: stopRow })) {
      const key = decodeCountRowKey(row.key);
      out.set(
        `${key.locationOid}|${key.bucketStartMs}|${key.itemName}`,
        Number(decodeBatchCount(cellValue(row, FAMILIES.batchViews, 'n') as Buffer)),
      );
    }
  }
  return out;
}

export async function readTopItems(world: BatchWorld, day: string): Promise<Map<bigint, { item: string; count: number }[]>> {
  const out = new Map<bigint, { item: string; count: number }[]>();
  for (const row of await world.hbase.scanAll(batchViewsTableName(world.config.hbase.namespace), { prefix: topItemsPrefix(day) })) {
    const key = decodeTopItemsRowKey(row.key);
    const list = out.get(key.locationOid) ?? [];
    list[key.rank - 1] = {
      item: (cellValue(row, FAMILIES.batchViews, 'item') as Buffer).toString('utf8'),
      count: Number((cellValue(row, FAMILIES.batchViews, 'count') as Buffer).toString()),
    };
    out.set(key.locationOid, list);
  }
  return out;
}
