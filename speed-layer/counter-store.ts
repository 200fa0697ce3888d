// The counter cells this instance writes, cached in memory. A cell is read from
// HBase the first time it is touched after an assignment (or after eviction),
// then kept: this instance is its only writer while it owns the partition.
// The cache is updated only after HBase has the new value, and cleared on every
// rebalance, so it never runs ahead of HBase. A cell whose bucket lies beyond
// its partition's count horizon at claim time (count-horizon.ts) was written by
// this owner alone: unless the cache has forgotten it (a Bloom filter of the
// forgotten cells says "maybe"), it was never written, and is not read at all.
// In live traffic that spares the reads of every new minute's cells, and of
// each new hour's and day's.

import { CorruptCellError } from '../common/errors';
import type { Cell, HBaseTables, Row, RowMutation } from '../common/hbase';
import {
  decodePartitionCount,
  encodePartitionCount,
  FAMILIES,
  NO_OFFSET,
  PARTITION_COUNT_BYTES,
  partitionCountTimestamp,
  type PartitionCount,
} from '../common/contract';
import { applyContribution, type CounterAddress, type CounterContribution, type CounterTable } from './counter-cell';
import { counterTableName, type SpeedTables } from './speed-tables';
import { CellCache } from './cell-cache';
import { CellMap } from './cell-map';
import { CellKeyFilter } from './cell-key-filter';
import { CountHorizon } from './count-horizon';

/** Forgotten cells remembered per cached cell: 5 (about 7 bytes) each, so 600,000 cached cells keep 3 M forgotten ones in 4 MB. */
const FORGOTTEN_PER_CACHED_CELL = 5;

const FAMILY: Record<CounterTable, string> = { liveCounts: FAMILIES.liveCounts, rollups: FAMILIES.liveCounts, meta: FAMILIES.meta };
const EMPTY: PartitionCount = { count: 0n, lastOffset: NO_OFFSET };

/** The cells of one table and qualifier read in one multi-get; `got` answers `rows` position by position. */
interface ReadGroup {
  readonly table: CounterTable;
  /** The table's HBase name, resolved once per group rather than per cell. */
  readonly name: string;
  readonly qualifier: string;
  readonly rows: Buffer[];
  got: (Row | null)[];
}

export interface CounterUpdate {
  readonly address: CounterAddress;
  readonly value: PartitionCount;
}

export interface CounterTally {
  /** Cells read from HBase. */
  read: number;
  /** Cells known empty without a read (beyond the count horizon, not forgotten). */
  knownEmpty: number;
  /** Times the filter of forgotten cells filled up: each time, the cells written so far are read again on their next touch. */
  forgottenResets: number;
}

export class CounterStore {
  private readonly cache: CellCache;
  /** The cells the cache dropped since the last claim or reset: any of them may hold a count. */
  private readonly forgotten: CellKeyFilter;
  /** What the store did for the cells it was asked and did not cache, since it was built (the speed layer's metrics). */
  readonly tally: CounterTally = { read: 0, knownEmpty: 0, forgottenResets: 0 };

  constructor(
    private readonly store: HBaseTables,
    private readonly tables: SpeedTables,
    maxCells: number,
    private readonly horizon = new CountHorizon(store, tables.meta),
  ) {
    this.forgotten = new CellKeyFilter(Math.max(1, maxCells) * FORGOTTEN_PER_CACHED_CELL);
    this.cache = new CellCache(maxCells, (key) => this.forget(key));
  }

  /** After a rebalance: forget every cell and every partition's horizon. */
  clear(): void {
    this.cache.clear();
    this.forgotten.clear();
    this.horizon.clear();
  }

  private forget(key: number): void {
    if (this.forgotten.isFull()) {
      this.horizon.forgetOwnWrites();
      this.forgotten.clear();
      this.tally.forgottenResets++;
    }
    this.forgotten.add(key);
  }

  /** A cell known to hold nothing: only this owner may have written it, and the cache has not forgotten writing it. */
  private knownEmpty(address: CounterAddress): boolean {
    return this.horizon.ownedSinceClaim(address) && !this.forgotten.mightHold(address.key);
  }

  /** Once per assignment of `partition`, before its first chunk: reads its count horizon. */
  claim(partition: number): Promise<void> {
    return this.horizon.claim(partition);
  }

  /** Before writing `updates` of `partition` to HBase: the count horizon covers them. */
  cover(partition: number, updates: readonly CounterUpdate[]): Promise<void> {
    return this.horizon.cover(
      partition,
      updates.map((u) => u.address),
    );
  }

  /**
   * The stored value of every cell among `addresses`: from the cache, empty
   * without a read where the count horizon tells (knownEmpty), or read from
   * HBase (one multi-get per table and qualifier, side by side). Lets a chunk
   * read its counter cells while its detection rows' lineage is being read:
   * hand the answer to updates(). Each cell is looked up in the cache once per
   * chunk, here: the cache's lookups were once the speed layer's costliest
   * lines.
   */
  async read(addresses: Iterable<CounterAddress>): Promise<CellMap<PartitionCount>> {
    const found = new CellMap<PartitionCount>();
    const missing = new CellMap<CounterAddress>();
    for (const address of addresses) {
      if (found.has(address) || missing.has(address)) continue;
      const cached = this.cache.get(address);
      if (cached) {
        found.set(address, cached);
      } else if (this.knownEmpty(address)) {
        found.set(address, EMPTY);
        this.tally.knownEmpty++;
      } else {
        missing.set(address, address);
      }
    }
    this.tally.read += missing.size;
    if (missing.size === 0) return found;
    // One multi-get per table and qualifier, asking for that one cell of each
    // row: a counter row holds a cell per partition, and this instance needs
    // only its own partition's. `missing` holds each cell once, so within a
    // group each row is asked once, and each cell finds its row by position.
    const groups = new Map<CounterTable, Map<string, ReadGroup>>();
    const asked: { address: CounterAddress; group: ReadGroup; at: number }[] = [];
    for (const address of missing.values()) {
      let byQualifier = groups.get(address.table);
      if (!byQualifier) groups.set(address.table, (byQualifier = new Map<string, ReadGroup>()));
      let group = byQualifier.get(address.qualifier);
      if (!group) {
        const { table, qualifier } = address;
        group = { table, name: counterTableName(this.tables, table), qualifier, rows: [], got: [] };
        byQualifier.set(qualifier, group);
      }
      asked.push({ address, group, at: group.rows.push(address.row) - 1 });
    }
    await Promise.all(
      [...groups.values()].flatMap((byQualifier) =>
        [...byQualifier.values()].map(async (group) => {
          group.got = await this.store.mget(group.name, group.rows, {
            families: [FAMILY[group.table]],
            qualifiers: [group.qualifier],
          });
        }),
      ),
    );
    for (const { address, group, at } of asked)
      found.set(address, this.decode(group.name, group.got[at], FAMILY[group.table], group.qualifier));
    return found;
  }

  /**
   * The new absolute value of every cell that gains something. `known` is
   * read()'s answer for this chunk; a cell missing from it is looked up in the
   * cache, then read. Taking `known` first is exact because only this
   * partition's chunks change its cells, one chunk at a time
   * (partition-queue.ts), so no cached value can change between a chunk's
   * read() and its updates(). Works on a snapshot, so a concurrent batch
   * evicting cells cannot make a loaded cell look empty.
   */
  async updates(contributions: readonly CounterContribution[], known: CellMap<PartitionCount> = new CellMap()): Promise<CounterUpdate[]> {
    // The snapshot is positional, values[i] being the stored value of
    // contributions[i]'s cell: no map by id is built per chunk.
    const values = new Array<PartitionCount | undefined>(contributions.length);
    const missing: CounterAddress[] = [];
    for (let i = 0; i < contributions.length; i++) {
      const { address } = contributions[i] as CounterContribution;
      values[i] = known.get(address) ?? this.cache.get(address);
      if (!values[i]) missing.push(address);
    }
    const read = missing.length > 0 ? await this.read(missing) : undefined;
    const out: CounterUpdate[] = [];
    for (let i = 0; i < contributions.length; i++) {
      const c = contributions[i] as CounterContribution;
      const value = applyContribution(values[i] ?? read?.get(c.address) ?? EMPTY, c.offsets);
      if (value) out.push({ address: c.address, value });
    }
    return out;
  }

  /** A stored cell, validated before any arithmetic on it: an undecodable one is a CorruptCellError (quarantined by the caller). */
  private decode(table: string, row: Row | null | undefined, family: string, qualifier: string): PartitionCount {
    const cell = row?.cells.find((c) => c.family === family && c.qualifier === qualifier);
    if (!cell) return EMPTY;
    const value = cell.value.length === PARTITION_COUNT_BYTES ? decodePartitionCount(cell.value) : undefined;
    if (value && value.count >= 0n && value.lastOffset >= NO_OFFSET) return value;
    throw corruptCell(
      table,
      row,
      family,
      qualifier,
      cell,
      value
        ? `partition count cell holds count ${value.count}, last offset ${value.lastOffset}`
        : `partition count cell must be ${PARTITION_COUNT_BYTES} bytes, got ${cell.value.length}`,
    );
  }

  /**
   * Puts per table, cells of one row grouped into one mutation. Rows are told
   * apart by their Buffer, not their bytes: the cells that share a row (the
   * quality counters) share its Buffer, and a counter row holds only this
   * partition's one cell, so no row text is built per cell.
   */
  mutations(updates: readonly CounterUpdate[]): Map<string, RowMutation[]> {
    const byTable = new Map<string, Map<Buffer, { row: Buffer; cells: RowMutation['cells'][number][] }>>();
    for (const { address, value } of updates) {
      const table = counterTableName(this.tables, address.table);
      let rows = byTable.get(table);
      if (!rows) byTable.set(table, (rows = new Map<Buffer, { row: Buffer; cells: RowMutation['cells'][number][] }>()));
      let row = rows.get(address.row);
      if (!row) rows.set(address.row, (row = { row: address.row, cells: [] }));
      row.cells.push({
        family: FAMILY[address.table],
        qualifier: address.qualifier,
        value: encodePartitionCount(value),
        timestamp: partitionCountTimestamp(address.timestamp, value.count),
      });
    }
    return new Map([...byTable].map(([table, rows]) => [table, [...rows.values()]]));
  }

  /** After HBase holds `updates`: remember them, forgetting the least recently written cells (cell-cache.ts). */
  commit(updates: readonly CounterUpdate[]): void {
    for (const { address, value } of updates) this.cache.set(address, value);
  }
}

/** The error for a partition count cell that cannot be trusted; built only on the failure path. */
function corruptCell(
  table: string,
  row: Row | null | undefined,
  family: string,
  qualifier: string,
  cell: Cell,
  reason: string,
): CorruptCellError {
  return new CorruptCellError(table, row?.key ?? Buffer.alloc(0), family, qualifier, cell.value, cell.timestamp, reason);
}
