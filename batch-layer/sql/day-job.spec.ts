// The day's SQL on embedded DuckDB against the hand-written compaction
// (dedup.ts, top-x.ts) on seeded random days: duplicates across partitions,
// re-sends with other items, rows of neighbouring days, unknown locations,
// names outside the BMP, and a recompaction over an earlier warehouse part.

import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../common/log';
import { dayRange, warehouseDayDir } from '../../common/contract';
import { encodeParquet } from '../../common/parquet';
import { dedupFirstOccurrence } from '../compact/dedup';
import type { LandingRow } from '../schema/landing-row';
import { LANDING_SCHEMA, landingBatch } from '../schema/landing-schema';
import { compareWarehouseRows, WAREHOUSE_SCHEMA, warehouseBatch, type WarehouseRow } from '../schema/warehouse-schema';
import { topX } from '../schema/top-x';
import { duckdbEngine } from './duckdb-engine';
import { MemoryHdfs } from '../../test/fakes/memory-hdfs';
import { runSqlDay } from './sql-day';

const DAY = '2026-03-14';
const { startMs, endMs } = dayRange(DAY);
const ITEMS = ['a', 'B', 'b', 'é', 'ｚ', '😀', 'item-1', 'item-2', 'Z'];

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1_664_525 + 1_013_904_223) >>> 0;
    return a / 2 ** 32;
  };
}

function randomRows(seed: number, n: number, firstOffset: bigint): LandingRow[] {
  const random = seeded(seed);
  const rows: LandingRow[] = [];
  for (let i = 0; i < n; i++) {
    const partition = Math.floor(random() * 3);
    const oid = 2n ** 62n + BigInt(Math.floor(random() * n * 0.8));
    const ts = Math.floor(startMs - 5000 + random() * (endMs - startMs + 10_000));
    rows.push({
      detectionOid: oid,
      geographicalLocationOid: BigInt(1 + Math.floor(random() * 6)),
      videoCameraOid: 7n,
      itemName: ITEMS[Math.floor(random() * ITEMS.length)]!,
      timestampDetected: ts,
      partition,
      offset: firstOffset + BigInt(i),
      kafkaTimestamp: ts + Math.floor(random() * 3_000_000),
    });
  }
  return rows;
}

const names = new Map<bigint, string>([
  [1n, 'One'],
  [2n, 'Zwei'],
  [3n, 'Trois'],
  [4n, 'Quatre'],
]);

function expected(rows: readonly LandingRow[], x: number) {
  const {
    rows: unique,
    messages,
    duplicates,
  } = dedupFirstOccurrence(rows.filter((r) => r.timestampDetected >= startMs && r.timestampDetected < endMs));
  const enriched: WarehouseRow[] = unique
    .map((r) => ({ ...r, geographicalLocation: names.get(r.geographicalLocationOid) ?? null }))
    .sort(compareWarehouseRows);
  const counts = new Map<bigint, Map<string, number>>();
  for (const r of enriched) {
    const m = counts.get(r.geographicalLocationOid) ?? new Map<string, number>();
    m.set(r.itemName, (m.get(r.itemName) ?? 0) + 1);
    counts.set(r.geographicalLocationOid, m);
  }
  const tops = [...counts.keys()].sort((a, b) => (a < b ? -1 : 1)).flatMap((loc) => topX(loc, names.get(loc) ?? null, counts.get(loc)!, x));
  return {
    enriched,
    messages,
    duplicates,
    tops,
    late: enriched.filter((r) => r.kafkaTimestamp >= endMs).length,
    unknown: enriched.filter((r) => r.geographicalLocation === null).length,
  };
}

describe('the day job on DuckDB', function () {
  this.timeout(60_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'day-job-'));
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  async function run(hdfs: MemoryHdfs, landingPaths: string[], withPrevious: boolean, x: number) {
    const rows: WarehouseRow[] = [];
    const result = await runSqlDay(
      {
        engine: duckdbEngine({ tempDir: path.join(work, 'tmp'), threads: 2 }),
        hdfs,
        namenodeRpc: 'hdfs://unused:8020',
        root: '/r',
        day: DAY,
        landingPaths,
        withPrevious,
        referenceNames: names,
        topX: x,
        localDir: path.join(work, 'stage'),
        token: 't',
        log: createLogger('spec', 'warn'),
      },
      (batch) => rows.push(...batch),
    );
    return { rows: rows.sort(compareWarehouseRows), result };
  }

  for (const seed of [1, 2, 3]) {
    it(`matches the hand-written compaction, top-X and totals (seed ${seed})`, async () => {
      const hdfs = new MemoryHdfs();
      const all = randomRows(seed, 3000, 0n);
      const paths = [0, 1, 2].map((f) => `/r/landing/detections/partition=${f}/t+${f}+0+${f}.parquet`);
      for (const [f, p] of paths.entries())
        await hdfs.upload(p, encodeParquet(LANDING_SCHEMA, landingBatch(all.filter((_, i) => i % 3 === f))));
      await hdfs.upload('/r/landing/detections/partition=0/empty.parquet', encodeParquet(LANDING_SCHEMA, landingBatch([])));
      const x = seed === 3 ? 20 : 3;
      const { rows, result } = await run(hdfs, [...paths, '/r/landing/detections/partition=0/empty.parquet'], false, x);
      const want = expected(all, x);
      expect(rows).to.deep.equal(want.enriched);
      expect(result.topItems).to.deep.equal(want.tops);
      expect(result.totals).to.deep.equal({
        messages: want.messages,
        detections: want.enriched.length,
        lateEvents: want.late,
        unknownLocationEvents: want.unknown,
        locations: new Set(want.enriched.map((r) => r.geographicalLocationOid)).size,
        items: new Set(want.enriched.map((r) => r.itemName)).size,
        warehouseRowsRead: 0,
      });
      expect(fs.existsSync(path.join(work, 'stage')), 'staging removed').to.equal(false);
    });
  }

  it('merges late files with the earlier warehouse partition (recompaction)', async () => {
    const hdfs = new MemoryHdfs();
    const early = randomRows(7, 2000, 0n);
    const late = randomRows(8, 800, 5000n);
    const before = expected(early, 5);
    await hdfs.upload(`${warehouseDayDir('/r', DAY)}/part-00000.parquet`, encodeParquet(WAREHOUSE_SCHEMA, warehouseBatch(before.enriched)));
    await hdfs.upload(`${warehouseDayDir('/r', DAY)}/_SUCCESS`, Buffer.alloc(0));
    await hdfs.upload('/r/landing/detections/partition=1/late.parquet', encodeParquet(LANDING_SCHEMA, landingBatch(late)));
    const { rows, result } = await run(hdfs, ['/r/landing/detections/partition=1/late.parquet'], true, 5);
    const want = expected([...before.enriched, ...late], 5);
    expect(rows).to.deep.equal(want.enriched);
    expect(result.topItems).to.deep.equal(want.tops);
    expect(result.totals.warehouseRowsRead).to.equal(before.enriched.length);
    expect(result.totals.messages).to.equal(want.messages);
  });
});
