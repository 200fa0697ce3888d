// The data shapes of the HBase adapter. Row keys, qualifiers' values and cells are
// Buffers (binary-safe); families and qualifiers are strings; timestamps are epoch
// milliseconds (safe integers, as HBase cell timestamps are).

export interface CellInput {
  readonly family: string;
  readonly qualifier: string;
  readonly value: Buffer;
  /** Explicit cell timestamp: a retried put then writes the very same cell. */
  readonly timestamp: number;
}

export interface RowMutation {
  readonly row: Buffer;
  readonly cells: readonly CellInput[];
}

export interface Cell {
  readonly family: string;
  readonly qualifier: string;
  readonly value: Buffer;
  readonly timestamp: number;
}

export interface Row {
  readonly key: Buffer;
  readonly cells: readonly Cell[];
}

export interface TimeRange {
  /** Inclusive, epoch ms. */
  readonly from: number;
  /** Exclusive, epoch ms. */
  readonly to: number;
}

export interface ReadOptions {
  /** Only these column families. */
  readonly families?: readonly string[];
  /**
   * Only these qualifiers, in each of `families` (which they need): HBase then
   * returns just those cells, not the whole family.
   */
  readonly qualifiers?: readonly string[];
  readonly timeRange?: TimeRange;
}

export interface ScanOptions extends ReadOptions {
  /** First row (inclusive); for a reversed scan the highest row. */
  readonly start?: Buffer;
  /** Last row (exclusive); for a reversed scan the lowest row. */
  readonly stop?: Buffer;
  /** Only rows starting with these bytes (combines with start/stop by intersection). */
  readonly prefix?: Buffer;
  readonly reversed?: boolean;
  /** At most this many rows. */
  readonly limit?: number;
  /** Rows per scan RPC (HBase `caching`); default 100. */
  readonly caching?: number;
  /** Soft byte limit per scan RPC; small values make short batches. */
  readonly maxResultSize?: number;
  /**
   * Only the first cell of each row (HBase's FirstKeyOnlyFilter, native client):
   * enough to learn which rows exist, at a fraction of the bytes. The legacy
   * client ignores it and returns whole rows.
   */
  readonly firstKeyOnly?: boolean;
}

export interface CheckCondition {
  readonly family: string;
  readonly qualifier: string;
  /** The value the cell must hold; null: the cell must not exist. */
  readonly value: Buffer | null;
}

export interface DeleteOptions {
  /** Only this family (with `qualifier`: only that column); absent: the whole row. */
  readonly family?: string;
  readonly qualifier?: string;
  /** Delete versions up to this timestamp (default: all). */
  readonly timestamp?: number;
  /**
   * Delete only the version with exactly this timestamp (one column: needs
   * `family` and `qualifier`). Unlike `timestamp`, it leaves no marker that would
   * hide later puts with a lower or equal timestamp.
   */
  readonly onlyVersion?: number;
}

export interface IncrementOptions {
  /** A deterministic nonce (uint64) makes a retried increment count once (within HBase's nonce grace period). */
  readonly nonce?: bigint;
}

/** Value of one column of a row, or undefined. */
export function cellValue(row: Row | null | undefined, family: string, qualifier: string): Buffer | undefined {
  return row?.cells.find((cell) => cell.family === family && cell.qualifier === qualifier)?.value;
}
