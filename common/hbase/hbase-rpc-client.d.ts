// Ambient types for hbase-rpc-client 0.1.15 as patched in ops/patches: only the parts
// hbase-store.ts uses. Callbacks receive Error objects carrying `exceptionClassName`
// and `doNotRetry` (see the patch's lib/errors.js).

declare module 'hbase-rpc-client' {
  import type { EventEmitter } from 'node:events';

  export interface Long {
    toString(): string;
  }

  export interface RpcError extends Error {
    exceptionClassName?: string;
    doNotRetry?: boolean;
    failures?: { index: number; error: RpcError }[];
  }

  export type Callback<T> = (error: RpcError | null | undefined, value: T) => void;

  export interface CellValue {
    value: Buffer;
    timestamp: Long;
  }

  export interface ResultColumn {
    family: Buffer;
    qualifier: Buffer;
    value: Buffer;
    timestamp: Long;
  }

  /** A row as the client parses it; `cols` is keyed by "family:qualifier". */
  export interface ParsedResult {
    row: Buffer;
    cols: Record<string, CellValue | CellValue[]>;
    columns: ResultColumn[];
  }

  export interface ClientOptions {
    zookeeperHosts: string[];
    zookeeperRoot?: string;
    zookeeperReconnectTimeout?: number;
    rpcTimeout?: number;
    callTimeout?: number;
    maxActionRetries?: number;
    retryPauseMs?: number;
    realUser?: string;
    effectiveUser?: string;
    tcpNoDelay?: boolean;
  }

  export class Put {
    constructor(row: Buffer, ts?: number);
    add(family: string | Buffer, qualifier: string | Buffer, value: string | Buffer, timestamp?: number | Long): void;
  }

  export class Get {
    constructor(row: Buffer);
    addColumn(family: string | Buffer, qualifier?: string | Buffer): this;
    setMaxVersions(versions: number): this;
    setTimeRange(from: number, to: number): this;
  }

  export class Delete {
    constructor(row: Buffer, ts?: number);
    deleteColumns(family: string | Buffer, qualifier: string | Buffer, timestamp?: number): void;
    deleteColumn(family: string | Buffer, qualifier: string | Buffer, timestamp?: number): void;
    deleteFamily(family: string | Buffer, timestamp?: number): void;
  }

  export class Increment {
    constructor(row: Buffer);
    add(family: string | Buffer, qualifier: string | Buffer, value: number | string): void;
    /** Set by the client on first use; set it yourself for a deterministic nonce. */
    nonce?: Long;
  }

  export class Scan {
    numCached: number;
    /** Extra fields of the Scan protobuf, e.g. column, timeRange, maxResultSize. */
    scanFields?: Record<string, unknown>;
    setReversed(reversed?: boolean): this;
    setFilter(filter: unknown): boolean;
    next(callback: Callback<ParsedResult | Record<string, never>>): void;
    close(): void;
  }

  export interface MutateResponse {
    processed?: boolean | null;
    result?: unknown;
  }

  export interface Client extends EventEmitter {
    put(table: string, put: Put, callback: Callback<MutateResponse>): void;
    mput(table: string, puts: Put[], callback: Callback<(ParsedResult | null)[]>): void;
    get(table: string, get: Get, callback: Callback<ParsedResult | null>): void;
    mget(table: string, gets: Get[], callback: Callback<(ParsedResult | null)[]>): void;
    delete(table: string, del: Delete, callback: Callback<MutateResponse>): void;
    mdelete(table: string, deletes: Delete[], callback: Callback<(ParsedResult | null)[]>): void;
    checkAndPut(
      table: string,
      row: Buffer,
      family: string | Buffer,
      qualifier: string | Buffer,
      value: Buffer,
      put: Put,
      callback: Callback<MutateResponse>,
    ): void;
    increment(table: string, increment: Increment, callback: Callback<MutateResponse>): void;
    getScanner(table: string, startRow?: Buffer, stopRow?: Buffer): Scan;
    close(): void;
  }

  interface Factory {
    (options: ClientOptions): Client;
    Put: typeof Put;
    Get: typeof Get;
    Delete: typeof Delete;
    Increment: typeof Increment;
    Scan: typeof Scan;
  }

  const hbase: Factory;
  export default hbase;
}
