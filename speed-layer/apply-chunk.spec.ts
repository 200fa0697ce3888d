// One chunk of one partition applied to an in-memory HBase (test/fakes): rows
// enriched from the reference version in the meta table, duplicates kept out of
// rows and counts, rejected events written nowhere, replays idempotent, counter
// cells read once per assignment, nothing written once the guard refuses.

import { expect } from 'chai';
import { loadConfig } from '../common/config';
import {
  decodeDetectionCells,
  decodePartitionCount,
  DETECTION_QUALIFIERS,
  detectionRowKey,
  encodeDetectionEvent,
  FAMILIES,
  META_QUALIFIERS,
  META_ROWS,
  REFERENCE_NAME_QUALIFIER,
  referenceRowKey,
  type DetectionEvent,
} from '../common/contract';
import { UtopiaError } from '../common/errors';
import { createLogger } from '../common/log';
import { MemoryHBase } from '../test/fakes/memory-hbase';
import { applyChunk, type ApplyChunkDeps } from './apply-chunk';
import type { RejectedMessages } from './classify-batch';
import type { ConsumedMessage } from './consumed-message';
import { CounterStore } from './counter-store';
import { BroadcastReference } from './broadcast-reference';
import { CurrentReference } from '../common/reference';
import { speedTables } from './speed-tables';

const now = Date.now();
const config = loadConfig({});
const tables = speedTables(config);
const event = (oid: bigint, item = 'car', location = 1n): DetectionEvent => ({
  geographicalLocationOid: location,
  videoCameraOid: 2n,
  detectionOid: oid,
  itemName: item,
  timestampDetected: now - 1000,
});
const message = (offset: number, e: DetectionEvent, key = e.detectionOid.toString()): ConsumedMessage => ({
  partition: 3,
  offset: String(offset),
  key: Buffer.from(key),
  value: Buffer.from(encodeDetectionEvent(e)),
  timestampMs: now,
});

async function world(): Promise<{ hbase: MemoryHBase; deps: ApplyChunkDeps }> {
  const hbase = new MemoryHBase();
  hbase
    .createTable(tables.detections, [FAMILIES.detections])
    .createTable(tables.recent, [FAMILIES.recent])
    .createTable(tables.reference, [FAMILIES.reference]);
  hbase
    .createTable(tables.liveCounts, [FAMILIES.liveCounts])
    .createTable(tables.rollups, [FAMILIES.liveCounts])
    .createTable(tables.meta, [FAMILIES.meta]);
  await hbase.put(tables.meta, {
    row: Buffer.from(META_ROWS.referenceCurrent),
    cells: [{ family: FAMILIES.meta, qualifier: META_QUALIFIERS.referenceVersion, value: Buffer.from('v1'), timestamp: 1 }],
  });
  await hbase.put(tables.reference, {
    row: referenceRowKey('v1', 1n),
    cells: [{ family: FAMILIES.reference, qualifier: REFERENCE_NAME_QUALIFIER, value: Buffer.from('Harbour'), timestamp: 1 }],
  });
  const reference = new BroadcastReference(
    new CurrentReference(hbase, config.hbase.namespace),
    createLogger('test', 'error', () => undefined),
  );
  await reference.poll();
  return { hbase, deps: { store: hbase, tables, counters: new CounterStore(hbase, tables, 10_000), reference, lateAfterMs: 600_000 } };
}

/** The sum of partition 3's counts over every live-count cell (4 cells per accepted event: item and total, location and location 0). */
async function liveCount(hbase: MemoryHBase): Promise<bigint> {
  const rows = await hbase.scanAll(tables.liveCounts);
  return rows
    .flatMap((r) => r.cells)
    .filter((c) => c.qualifier === 'p3')
    .reduce((sum, c) => sum + decodePartitionCount(c.value).count, 0n);
}

/** One field of a stored detection row, by its record name; undefined when the row (or the name) is absent. */
async function detection(hbase: MemoryHBase, oid: bigint, field: string): Promise<string | undefined> {
  const row = await hbase.get(tables.detections, detectionRowKey(oid));
  if (!row) return undefined;
  const d = decodeDetectionCells(new Map(row.cells.map((c) => [c.qualifier, c.value])));
  const q = DETECTION_QUALIFIERS;
  const fields: Record<string, string | undefined> = {
    [q.item]: d.itemName,
    [q.name]: d.geographicalLocation ?? undefined,
    [q.lineage]: `${d.lineage.partition}:${d.lineage.offset}`,
  };
  return fields[field];
}

describe('applyChunk (against the in-memory HBase)', () => {
  it('writes enriched rows, live-feed rows and counts; a repeated oid is a duplicate', async () => {
    const { hbase, deps } = await world();
    const plan = await applyChunk(
      deps,
      3,
      [message(10, event(7n)), message(11, event(7n, 'bus')), message(12, event(8n, 'car', 5n))],
      () => undefined,
    );
    expect(plan.figures).to.include({ accepted: 2, duplicates: 1, unknown_location: 1 });
    expect(await detection(hbase, 7n, DETECTION_QUALIFIERS.item)).to.equal('car');
    expect(await detection(hbase, 7n, DETECTION_QUALIFIERS.name)).to.equal('Harbour');
    expect(await detection(hbase, 7n, DETECTION_QUALIFIERS.lineage)).to.equal('3:10');
    expect(await detection(hbase, 8n, DETECTION_QUALIFIERS.name)).to.equal(undefined);
    expect(await hbase.scanAll(tables.recent)).to.have.length(2);
    expect(await liveCount(hbase)).to.equal(8n);
  });

  it('replays idempotently: the same chunk again, after a rebalance, counts nothing twice', async () => {
    const { hbase, deps } = await world();
    const chunk = [message(10, event(7n)), message(11, event(8n))];
    await applyChunk(deps, 3, chunk, () => undefined);
    deps.counters.clear();
    const replay = await applyChunk(deps, 3, chunk, () => undefined);
    expect(replay.rows.map((r) => r.detectionOid)).to.deep.equal([7n, 8n]); // our own rows, rewritten with the same cells
    expect(await liveCount(hbase)).to.equal(8n);
  });

  it('a row another message wrote is a duplicate: neither rewritten nor counted', async () => {
    const { hbase, deps } = await world();
    await applyChunk(deps, 3, [message(10, event(7n))], () => undefined);
    const plan = await applyChunk(deps, 3, [message(20, event(7n, 'bus'))], () => undefined);
    expect(plan.figures).to.include({ accepted: 0, duplicates: 1 });
    expect(await detection(hbase, 7n, DETECTION_QUALIFIERS.item)).to.equal('car');
    expect(await liveCount(hbase)).to.equal(4n);
  });

  it('dead-letters invalid and rejected events and writes no row for them', async () => {
    const { hbase, deps } = await world();
    const rejected: RejectedMessages = new Map([['12', { ok: false, reason: 'processing_failed', message: 'kept failing' }]]);
    const plan = await applyChunk(
      deps,
      3,
      [message(10, event(7n), '99'), message(11, event(8n)), message(12, event(9n))],
      () => undefined,
      rejected,
    );
    expect(plan.deadLetters.map((d) => [d.offset, d.rejection.reason])).to.deep.equal([
      [10n, 'key_mismatch'],
      [12n, 'processing_failed'],
    ]);
    expect(await detection(hbase, 7n, DETECTION_QUALIFIERS.item)).to.equal(undefined);
    expect(await detection(hbase, 9n, DETECTION_QUALIFIERS.item)).to.equal(undefined);
    expect(await liveCount(hbase)).to.equal(4n);
  });

  it('reads counter cells once per assignment: the next chunk reads them from the cache', async () => {
    const { hbase, deps } = await world();
    await applyChunk(deps, 3, [message(10, event(7n))], () => undefined);
    const before = hbase.calls.length;
    await applyChunk(deps, 3, [message(11, event(8n))], () => undefined);
    const reads = hbase.calls
      .slice(before)
      .filter((c) => c.operation === 'mget')
      .map((c) => c.table);
    expect(reads).to.deep.equal([tables.detections]); // lineage only
    expect(await liveCount(hbase)).to.equal(8n);
  });

  it('writes nothing when the guard refuses before the writes', async () => {
    const { hbase, deps } = await world();
    const refused = new UtopiaError('partition revoked');
    const error = await applyChunk(deps, 3, [message(10, event(7n))], () => {
      throw refused;
    }).catch((e: unknown) => e);
    expect(error).to.equal(refused);
    expect(await hbase.scanAll(tables.detections)).to.deep.equal([]);
    expect(await liveCount(hbase)).to.equal(0n);
  });
});
