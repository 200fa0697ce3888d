// The column model of our Parquet files: flat, one primitive per column.
// int64 columns carry bigint values (oids above 2^53 stay exact), int32 and
// timestamp-free numbers carry JS numbers, utf8 columns strings. `optional`
// columns may hold null (definition level 0); the others are REQUIRED.

export type ColumnType = 'int32' | 'int64' | 'utf8';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly optional?: boolean;
}

/** Column values of one batch of rows, in the schema's order; null only in optional columns. */
export type ColumnValues = Int32Array | (number | null)[] | BigInt64Array | (bigint | null)[] | (string | null)[];

export interface ColumnBatch {
  readonly rowCount: number;
  /** name -> values; each array has rowCount entries. */
  readonly columns: ReadonlyMap<string, ColumnValues>;
}

export interface WriteOptions {
  /** Rows per row group; Spark and DuckDB parallelise by row group. Default 131072. */
  readonly rowGroupRows?: number;
  /** Rows per data page inside a row group. Default 16384. */
  readonly pageRows?: number;
  /** Key-value metadata stored in the footer. */
  readonly metadata?: Readonly<Record<string, string>>;
}
