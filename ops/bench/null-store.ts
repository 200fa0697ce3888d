// An HBase that keeps nothing, for measuring the speed layer's own CPU without
// a region server: every read finds no row, every write is accepted and only
// counted. Not a fake of HBase (test/fakes/memory-hbase.ts is one): the speed
// layer's counter store, whose cache fills from its own writes, sees the same
// hits and misses as against an empty table, and that is all this is for. The
// one exception is what setup writes into a new namespace before any event,
// handed in with hold(): the count horizon's base.

import type { CheckCondition, HBaseTables, Row, RowMutation } from '../../common/hbase';

export class NullStore implements HBaseTables {
  /** Rows reads find, by table and row bytes (latin1). */
  private readonly held = new Map<string, Map<string, Row>>();
  /** Rows asked for by get and mget, by table. */
  private readonly reads = new Map<string, number>();
  /** Rows and cells handed to put and puts. */
  rowsWritten = 0;
  cellsWritten = 0;

  /** A row every later read of `table` finds (writes still keep nothing). */
  hold(table: string, mutation: RowMutation): void {
    let rows = this.held.get(table);
    if (!rows) this.held.set(table, (rows = new Map<string, Row>()));
    rows.set(mutation.row.toString('latin1'), {
      key: mutation.row,
      cells: mutation.cells.map((c) => ({ ...c, timestamp: c.timestamp ?? 0 })),
    });
  }

  rowsReadOf(table: string): number {
    return this.reads.get(table) ?? 0;
  }

  reset(): void {
    this.reads.clear();
    this.rowsWritten = this.cellsWritten = 0;
  }

  put(_table: string, mutation: RowMutation): Promise<void> {
    this.count(mutation);
    return Promise.resolve();
  }

  puts(_table: string, mutations: readonly RowMutation[]): Promise<void> {
    for (const mutation of mutations) this.count(mutation);
    return Promise.resolve();
  }

  get(table: string, row: Buffer): Promise<Row | null> {
    this.read(table, 1);
    return Promise.resolve(this.find(table, row));
  }

  mget(table: string, rows: readonly Buffer[]): Promise<(Row | null)[]> {
    this.read(table, rows.length);
    return Promise.resolve(rows.map((row) => this.find(table, row)));
  }

  delete(): Promise<void> {
    return Promise.resolve();
  }

  /** The row is absent, so only a condition expecting absence holds. */
  checkAndPut(table: string, condition: CheckCondition, mutation: RowMutation): Promise<boolean> {
    if (condition.value !== null && condition.value.length > 0) return Promise.resolve(false);
    return this.put(table, mutation).then(() => true);
  }

  increment(_table: string, _row: Buffer, _family: string, _qualifier: string, amount: bigint | number): Promise<bigint> {
    return Promise.resolve(BigInt(amount));
  }

  // eslint-disable-next-line require-yield -- an empty table yields no row
  async *scan(): AsyncGenerator<Row, void, undefined> {
    return;
  }

  scanAll(_table: string): Promise<Row[]> {
    return Promise.resolve([]);
  }

  private find(table: string, row: Buffer): Row | null {
    return this.held.get(table)?.get(row.toString('latin1')) ?? null;
  }

  private read(table: string, rows: number): void {
    this.reads.set(table, this.rowsReadOf(table) + rows);
  }

  private count(mutation: RowMutation): void {
    this.rowsWritten++;
    this.cellsWritten += mutation.cells.length;
  }
}
