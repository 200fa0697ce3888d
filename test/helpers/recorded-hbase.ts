// The in-memory HBase (test/fakes) holding the speed layer's counter tables
// ('lc', 'ru') and meta ('m'), with every multi-get recorded: the counter
// store's specs check what it reads, and what its cache and the count horizon
// spare.

import { FAMILIES } from '../../common/contract';
import type { ReadOptions, Row } from '../../common/hbase';
import { MemoryHBase } from '../fakes/memory-hbase';

export class RecordedHBase extends MemoryHBase {
  /** Each multi-get's table and rows (latin1). */
  readonly reads: { table: string; rows: string[] }[] = [];
  /** The qualifiers each multi-get asked for (undefined: the whole family). */
  readonly qualifiers: (readonly string[] | undefined)[] = [];

  constructor() {
    super();
    this.createTable('lc', [FAMILIES.liveCounts]).createTable('ru', [FAMILIES.liveCounts]).createTable('m', [FAMILIES.meta]);
  }

  override mget(table: string, rows: readonly Buffer[], options?: ReadOptions): Promise<(Row | null)[]> {
    this.reads.push({ table, rows: rows.map((r) => r.toString('latin1')) });
    this.qualifiers.push(options?.qualifiers);
    return super.mget(table, rows, options);
  }

  /** Rows asked for by all multi-gets so far. */
  get rowsAsked(): number {
    return this.reads.reduce((n, read) => n + read.rows.length, 0);
  }
}
