// The counter cells this instance writes, cached in memory. A cell is read from
// HBase the first time it is touched after an assignment (or after eviction),
// then kept: this instance is its only writer while it owns the partition.
// The cache is updated only after HBase has the new value, and cleared on every
// rebalance, so it never runs ahead of HBase.

import { CorruptCellError } from '../common/errors';
import type { HBaseTables, Row, RowMutation } from '../common/hbase';
import { decodePartitionCount, encodePartitionCount, FAMILIES, NO_OFFSET, PARTITION_COUNT_BYTES, partitionCountTimestamp, type PartitionCount } from '../common/contract';
import { applyContribution, counterId, type CounterAddress, type CounterContribution, type CounterTable } from './counter-cell';
import { counterTableName, type SpeedTables } from './speed-tables';

const FAMILY: Record<CounterTable, string> = { liveCounts: FAMILIES.liveCounts, rollups: FAMILIES.liveCounts, meta: FAMILIES.meta };
const EMPTY: PartitionCount = { count: 0n, lastOffset: NO_OFFSET };

export interface CounterUpdate {
  readonly address: CounterAddress;
  readonly value: PartitionCount;
}

export class CounterStore {
  private readonly cache = new Map<string, PartitionCount>();

  constructor(
    private readonly store: HBaseTables,
    private readonly tables: SpeedTables,
    private readonly maxCells: number,
  ) {}

  clear(): void {
    this.cache.clear();
  }

  /**
   * The new absolute value of every cell that gains something, reading the
   * cells missing from the cache. Works on a snapshot, so a concurrent batch
   * evicting cells cannot make a loaded cell look empty.
   */
  async updates(contributions: readonly CounterContribution[]): Promise<CounterUpdate[]> {
    const snapshot = new Map<string, PartitionCount>();
    const missing: CounterContribution[] = [];
    for (const c of contributions) {
      const id = counterId(c.address);
      const cached = this.cache.get(id);
      if (cached) snapshot.set(id, cached);
      else missing.push(c);
    }
    for (const table of ['liveCounts', 'rollups', 'meta'] as const) {
      const ofTable = missing.filter((c) => c.address.table === table);
      if (ofTable.length === 0) continue;
      const rowIds = [...new Map(ofTable.map((c) => [c.address.row.toString('latin1'), c.address.row])).values()];
      const rows = await this.store.mget(counterTableName(this.tables, table), rowIds, { families: [FAMILY[table]] });
      const byRow = new Map(rowIds.map((row, i) => [row.toString('latin1'), rows[i]]));
      for (const c of ofTable) {
        const row = byRow.get(c.address.row.toString('latin1'));
        snapshot.set(counterId(c.address), this.decode(counterTableName(this.tables, table), row, FAMILY[table], c.address.qualifier));
      }
    }
    const out: CounterUpdate[] = [];
    for (const c of contributions) {
      const value = applyContribution(snapshot.get(counterId(c.address)) ?? EMPTY, c.offsets);
      if (value) out.push({ address: c.address, value });
    }
    return out;
  }

  /** A stored cell, validated before any arithmetic on it: an undecodable one is a CorruptCellError (quarantined by the caller). */
  private decode(table: string, row: Row | null | undefined, family: string, qualifier: string): PartitionCount {
    const cell = row?.cells.find((c) => c.family === family && c.qualifier === qualifier);
    if (!cell) return EMPTY;
    if (cell.value.length !== PARTITION_COUNT_BYTES) {
      throw new CorruptCellError(table, row?.key ?? Buffer.alloc(0), family, qualifier, cell.value, cell.timestamp, `partition count cell must be ${PARTITION_COUNT_BYTES} bytes, got ${cell.value.length}`);
    }
    const value = decodePartitionCount(cell.value);
    if (value.count < 0n || value.lastOffset < NO_OFFSET) {
      throw new CorruptCellError(table, row?.key ?? Buffer.alloc(0), family, qualifier, cell.value, cell.timestamp, `partition count cell holds count ${value.count}, last offset ${value.lastOffset}`);
    }
    return value;
  }

  /** Puts per table, cells of one row grouped into one mutation. */
  mutations(updates: readonly CounterUpdate[]): Map<string, RowMutation[]> {
    const byTable = new Map<string, Map<string, { row: Buffer; cells: RowMutation['cells'][number][] }>>();
    for (const { address, value } of updates) {
      const table = counterTableName(this.tables, address.table);
      let rows = byTable.get(table);
      if (!rows) byTable.set(table, (rows = new Map<string, { row: Buffer; cells: RowMutation['cells'][number][] }>()));
      const rowId = address.row.toString('latin1');
      let row = rows.get(rowId);
      if (!row) rows.set(rowId, (row = { row: address.row, cells: [] }));
      row.cells.push({ family: FAMILY[address.table], qualifier: address.qualifier, value: encodePartitionCount(value), timestamp: partitionCountTimestamp(address.timestamp, value.count) });
    }
    return new Map([...byTable].map(([table, rows]) => [table, [...rows.values()]]));
  }

  /** After HBase holds `updates`: remember them, evicting the least recently written cells. */
  commit(updates: readonly CounterUpdate[]): void {
    for (const { address, value } of updates) {
      const id = counterId(address);
      this.cache.delete(id); // re-insert: Map order is then write order
      this.cache.set(id, value);
    }
    const excess = this.cache.size - this.maxCells;
    if (excess > 0) {
      let n = 0;
      for (const id of this.cache.keys()) {
        if (n++ >= excess) break;
        this.cache.delete(id);
      }
    }
  }
}
