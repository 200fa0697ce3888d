// CountHorizon and the counter store's use of it, against the in-memory HBase
// (test/fakes): which cells only this owner can have written, when the horizon
// is raised, that a cell the cache forgot is read again, and that a successor
// still reads every cell its predecessor wrote.

import { expect } from 'chai';
import {
  COUNT_HORIZON_BASE_QUALIFIER,
  COUNT_HORIZON_ROW,
  countHorizonPut,
  decodeCountHorizon,
  DEFAULT_MAX_FUTURE_MS,
  EMPTY_TABLES_HORIZON_MS,
  FAMILIES,
  NO_OFFSET,
} from '../common/contract';
import { cellValue } from '../common/hbase';
import type { MemoryHBase } from '../test/fakes/memory-hbase';
import { RecordedHBase } from '../test/helpers/recorded-hbase';
import { counterAddress, type CounterAddress, type CounterContribution } from './counter-cell';
import { COUNT_HORIZON_STEP_MS, CountHorizon } from './count-horizon';
import { CounterStore } from './counter-store';
import type { SpeedTables } from './speed-tables';

const tables: SpeedTables = { detections: 'd', liveCounts: 'lc', rollups: 'ru', recent: 'r', reference: 'ref', meta: 'm' };
const NOW = Date.UTC(2026, 11, 2, 12, 0);
const MINUTE = 60_000;

function stack(): RecordedHBase {
  return new RecordedHBase();
}

async function setBase(hbase: MemoryHBase): Promise<void> {
  await hbase.put('m', countHorizonPut([[COUNT_HORIZON_BASE_QUALIFIER, EMPTY_TABLES_HORIZON_MS]]));
}

async function stored(hbase: MemoryHBase, partition: number): Promise<number | undefined> {
  return decodeCountHorizon(cellValue(await hbase.get('m', Buffer.from(COUNT_HORIZON_ROW)), FAMILIES.meta, `p${partition}`));
}

const minuteCell = (bucketMs: number, partition = 0): CounterAddress =>
  counterAddress('liveCounts', Buffer.from(`minute-${bucketMs}`), `p${partition}`, bucketMs);

/** One chunk through the store as apply-chunk runs it: values, horizon raised, puts, then the cache. */
async function write(store: CounterStore, hbase: MemoryHBase, contributions: CounterContribution[]): Promise<bigint[]> {
  const updates = await store.updates(contributions);
  await store.cover(0, updates);
  for (const [table, mutations] of store.mutations(updates)) await hbase.puts(table, mutations);
  store.commit(updates);
  return updates.map((u) => u.value.count);
}

describe('CountHorizon', () => {
  it('with no horizon on record, takes as its own only cells beyond what an event time validation accepts could have made', async () => {
    const hbase = stack();
    const horizon = new CountHorizon(hbase, 'm', () => NOW);
    await horizon.claim(0);
    expect(horizon.ownedSinceClaim(minuteCell(NOW + DEFAULT_MAX_FUTURE_MS))).to.equal(false);
    expect(horizon.ownedSinceClaim(minuteCell(NOW + DEFAULT_MAX_FUTURE_MS + MINUTE))).to.equal(true);
    await horizon.cover(0, [minuteCell(NOW)]);
    expect(await stored(hbase, 0)).to.equal(NOW + DEFAULT_MAX_FUTURE_MS + COUNT_HORIZON_STEP_MS);
  });

  it('on tables created empty, owns every cell from its claim, and raises the stored horizon over the cells it writes', async () => {
    const hbase = stack();
    await setBase(hbase);
    const horizon = new CountHorizon(hbase, 'm', () => NOW);
    expect(horizon.ownedSinceClaim(minuteCell(NOW)), 'before the claim').to.equal(false);
    await horizon.claim(0);
    expect(horizon.ownedSinceClaim(minuteCell(0))).to.equal(true);
    expect(horizon.ownedSinceClaim(minuteCell(NOW, 1)), 'another partition, not claimed').to.equal(false);
    expect(horizon.ownedSinceClaim(counterAddress('meta', Buffer.from('quality'), 'accepted:p0', 0)), 'a quality counter').to.equal(false);

    await horizon.cover(0, [minuteCell(NOW), minuteCell(NOW - MINUTE)]);
    expect(await stored(hbase, 0)).to.equal(NOW + COUNT_HORIZON_STEP_MS);
    expect(horizon.ownedSinceClaim(minuteCell(NOW)), 'written, but by this owner alone').to.equal(true);

    // Within the stored horizon: no write; beyond it: raised again.
    await horizon.cover(0, [minuteCell(NOW + MINUTE)]);
    expect(await stored(hbase, 0)).to.equal(NOW + COUNT_HORIZON_STEP_MS);
    await horizon.cover(0, [minuteCell(NOW + COUNT_HORIZON_STEP_MS + MINUTE)]);
    expect(await stored(hbase, 0)).to.equal(NOW + 2 * COUNT_HORIZON_STEP_MS + MINUTE);

    // Forgetting its own writes: only what lies beyond all of them is still its own.
    horizon.forgetOwnWrites();
    expect(horizon.ownedSinceClaim(minuteCell(NOW + COUNT_HORIZON_STEP_MS + MINUTE))).to.equal(false);
    expect(horizon.ownedSinceClaim(minuteCell(NOW + COUNT_HORIZON_STEP_MS + 2 * MINUTE))).to.equal(true);

    // A successor knows only what is stored: everything up to it may exist.
    const successor = new CountHorizon(hbase, 'm', () => NOW);
    await successor.claim(0);
    expect(successor.ownedSinceClaim(minuteCell(NOW + 2 * COUNT_HORIZON_STEP_MS + MINUTE))).to.equal(false);
    expect(successor.ownedSinceClaim(minuteCell(NOW + 2 * COUNT_HORIZON_STEP_MS + 2 * MINUTE))).to.equal(true);
  });

  it('only rises: a late raise by a zombie owner with an older view stays below a higher one', async () => {
    const hbase = stack();
    await setBase(hbase);
    const owner = new CountHorizon(hbase, 'm', () => NOW);
    const zombie = new CountHorizon(hbase, 'm', () => NOW);
    await Promise.all([owner.claim(0), zombie.claim(0)]);
    await owner.cover(0, [minuteCell(NOW + 30 * MINUTE)]);
    await zombie.cover(0, [minuteCell(NOW)]);
    expect(await stored(hbase, 0)).to.equal(NOW + 30 * MINUTE + COUNT_HORIZON_STEP_MS);
  });
});

describe('CounterStore with the count horizon', () => {
  it('reads no cell of its own that it never wrote, while a successor reads what its predecessor wrote', async () => {
    const hbase = stack();
    await setBase(hbase);
    const cell = minuteCell(NOW);
    const first = new CounterStore(hbase, tables, 100);
    await first.claim(0);
    expect([...(await first.read([cell])).values()], 'known empty').to.deep.equal([{ count: 0n, lastOffset: NO_OFFSET }]);
    expect(await write(first, hbase, [{ address: cell, offsets: [7n, 8n] }])).to.deep.equal([2n]);
    expect(hbase.rowsAsked, 'a cell no one wrote is not read').to.equal(0);
    expect(first.tally, 'asked twice: by read(), then by updates() without its answer').to.deep.equal({
      read: 0,
      knownEmpty: 2,
      forgottenResets: 0,
    });

    const successor = new CounterStore(hbase, tables, 100);
    await successor.claim(0);
    expect(await write(successor, hbase, [{ address: cell, offsets: [8n, 9n] }])).to.deep.equal([3n]);
    expect(hbase.rowsAsked, 'the predecessor raised the horizon over its cell').to.equal(1);
    expect(successor.tally).to.deep.equal({ read: 1, knownEmpty: 0, forgottenResets: 0 });
  });

  it('reads again a cell that sat in both generations of the cache once both have dropped it', async () => {
    const hbase = stack();
    await setBase(hbase);
    const store = new CounterStore(hbase, tables, 4); // two cells a generation
    await store.claim(0);
    const [a, b, c, d, e, f] = Array.from({ length: 6 }, (_, i) => minuteCell(NOW + i * MINUTE));
    let offset = 0n;
    const once = (address: CounterAddress | undefined): CounterContribution => ({
      address: address as CounterAddress,
      offsets: [++offset],
    });
    // a, b | c, a (a in both) | d, e: a's old copy dropped with the first generation, its young one with the second.
    for (const cell of [a, b, c, a, d, e, f]) await write(store, hbase, [once(cell)]);
    expect(hbase.rowsAsked, 'every cell new or cached so far').to.equal(0);
    expect(await write(store, hbase, [once(a)]), 'a, read back from HBase').to.deep.equal([3n]);
    expect(hbase.rowsAsked).to.equal(1);
  });

  it('reads again a cell its cache forgot, and every cell written so far once its filter of forgotten cells is full', async () => {
    const hbase = stack();
    await setBase(hbase);
    // Two cached cells: each generation holds one, so every new cell drops one.
    const store = new CounterStore(hbase, tables, 2);
    await store.claim(0);
    const cells = Array.from({ length: 200 }, (_, i) => minuteCell(NOW + i * MINUTE));
    let offset = 0n;
    const once = (address: CounterAddress): CounterContribution => ({ address, offsets: [++offset] });

    for (const cell of cells.slice(0, 3)) await write(store, hbase, [once(cell)]);
    expect(hbase.rowsAsked, 'three new cells').to.equal(0);
    expect(await write(store, hbase, [once(cells[0] as CounterAddress)]), 'forgotten, read back').to.deep.equal([2n]);
    expect(hbase.rowsAsked).to.equal(1);

    // 2 × 5 forgotten cells fill the filter: the store forgets its own writes and reads them all again.
    for (const cell of cells.slice(3)) await write(store, hbase, [once(cell)]);
    expect(store.tally.forgottenResets).to.be.greaterThan(0);
    const asked = hbase.rowsAsked;
    const counts: bigint[] = [];
    for (const cell of cells) counts.push(...(await write(store, hbase, [once(cell)])));
    expect(counts, 'every count exact').to.deep.equal([3n, ...cells.slice(1).map(() => 2n)]);
    expect(hbase.rowsAsked - asked, 'each written cell read again on its touch').to.be.at.least(cells.length - 2);
  });
});
