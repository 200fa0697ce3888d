// The narrow contract the layers use to read and write HBase tables. No I/O here:
// HBaseStore implements it over the RPC clients (native or legacy, HBASE_CLIENT),
// and test/fakes/memory-hbase.ts in memory for unit tests of pure logic.
// Connection lifecycle (ready, close) stays with whoever built the store: the
// layer's entry point.

import type { CheckCondition, DeleteOptions, IncrementOptions, ReadOptions, Row, RowMutation, ScanOptions } from './hbase-types';

export interface HBaseTables {
  put(table: string, mutation: RowMutation): Promise<void>;
  /** All or an error listing what failed; each mutation is idempotent (explicit cell timestamps). */
  puts(table: string, mutations: readonly RowMutation[]): Promise<void>;
  /** The newest version of each column (within `timeRange` if given); null when the row has none. */
  get(table: string, row: Buffer, options?: ReadOptions): Promise<Row | null>;
  /** Rows in the order of `rows`; null where a row does not exist. */
  mget(table: string, rows: readonly Buffer[], options?: ReadOptions): Promise<(Row | null)[]>;
  delete(table: string, row: Buffer, options?: DeleteOptions): Promise<void>;
  /** Applies `mutation` only if the condition holds; true if it was applied. */
  checkAndPut(table: string, condition: CheckCondition, mutation: RowMutation): Promise<boolean>;
  /** Adds `amount` to a 64-bit counter cell and returns its new value. */
  increment(
    table: string,
    row: Buffer,
    family: string,
    qualifier: string,
    amount: bigint | number,
    options?: IncrementOptions,
  ): Promise<bigint>;
  /** Rows in unsigned byte order of their keys (reverse order if `reversed`); `break` closes the scanner. */
  scan(table: string, options?: ScanOptions): AsyncGenerator<Row, void, undefined>;
  /** The whole scan in memory; for small ranges. */
  scanAll(table: string, options?: ScanOptions): Promise<Row[]>;
}

/** The tables plus the connection's lifecycle: what a layer's entry point holds. */
export interface HBaseConnection extends HBaseTables {
  /** Resolves once the store can serve calls (ZooKeeper told where hbase:meta is). */
  ready(): Promise<void>;
  close(): void;
}
