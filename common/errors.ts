// Every error the project throws derives from UtopiaError, so callers decide by
// type and by `retriable`, never by message text.

export interface UtopiaErrorOptions {
  retriable?: boolean;
  cause?: unknown;
}

export class UtopiaError extends Error {
  readonly retriable: boolean;
  override readonly cause?: unknown;

  constructor(message: string, options: UtopiaErrorOptions = {}) {
    super(message);
    this.name = new.target.name;
    this.retriable = options.retriable ?? false;
    this.cause = options.cause;
  }
}

/** A setting in the environment is missing or malformed. */
export class ConfigError extends UtopiaError {}

/** Wrong command-line arguments: printed with a pointer to --help, exit code 2. */
export class UsageError extends UtopiaError {}

/**
 * Bytes or values that break a data or protocol contract and cannot be decoded or
 * encoded (a row key, a cell, a version, a store's answer): attributable to that
 * data, never worth retrying.
 */
export class ContractError extends UtopiaError {}

/** The local stack could not be installed, started, stopped or probed. */
export class StackError extends UtopiaError {}

/** A Kafka call failed. */
export class KafkaError extends UtopiaError {}

/** An HBase call failed. */
export class HBaseError extends UtopiaError {}

/** A WebHDFS call failed; carries what was attempted where. */
export class HdfsError extends UtopiaError {
  constructor(
    readonly operation: string,
    readonly path: string,
    readonly status: number | undefined,
    detail: string,
    options: UtopiaErrorOptions = {},
  ) {
    super(`HDFS ${operation} ${path} failed${status === undefined ? '' : ` (HTTP ${status})`}: ${detail}`, options);
  }
}

/** Input broke a rule of the data contract; `reason` is a stable machine-readable code. */
export class ValidationError extends UtopiaError {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** A retried operation failed on every attempt; `cause` is the last failure. */
export class RetriesExceededError extends UtopiaError {
  constructor(
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`gave up after ${attempts} attempts: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A Parquet file could not be decoded (truncated, corrupt, or an unsupported layout). */
export class ParquetError extends UtopiaError {}

/**
 * A cell read from a store could not be decoded (wrong length, bad bytes): it is
 * attributable to that one cell, which the reader quarantines with the reason
 * instead of retrying a read that can never succeed.
 */
export class CorruptCellError extends UtopiaError {
  constructor(
    readonly table: string,
    readonly row: Buffer,
    readonly family: string,
    readonly qualifier: string,
    readonly value: Buffer,
    /** The cell's HBase timestamp: quarantining deletes exactly this version. */
    readonly timestamp: number,
    readonly reason: string,
  ) {
    super(`corrupt cell ${table} row ${row.toString('hex')} ${family}:${qualifier}@${timestamp}: ${reason}`);
  }
}

/** Errors of our store adapters (HBase, Kafka, HDFS): about a store, never attributable to one event. */
export function isStoreError(error: unknown): boolean {
  return error instanceof HBaseError || error instanceof KafkaError || error instanceof HdfsError;
}
