// HBaseStore: the project's narrow, promise-based HBase interface over
// hbase-rpc-client (native RPC, patched for HBase 2.x in ops/patches).
//
// Authentication: SIMPLE only (no Kerberos/SASL). The client sends `effectiveUser`
// (and `realUser`) in the connection header and the server trusts it, so run only
// where the HBase RPC port is not reachable by untrusted clients.
//
// Two clients: with `client: 'native'` (HBASE_CLIENT, the default) puts, gets, mgets and
// forward scans go through the project's own RPC code (common/hbase/native, codec in
// common/hbase/wire); hbase-rpc-client still finds hbase:meta through ZooKeeper and
// serves delete, checkAndPut, increment and reversed scans. `legacy` uses it for all.
//
// Retries: the client itself retries region-level failures (region moved or split,
// timeouts, closed sockets) with backoff after re-reading hbase:meta. What still fails
// surfaces as HBaseError with `retriable` set, for the caller's retry (common/retry).

import hbase from 'hbase-rpc-client';
import type { Client, ClientOptions, MutateResponse, ParsedResult, Scan } from 'hbase-rpc-client';
import type { Config } from '../config';
import { HBaseError } from '../errors';
import type { Logger } from '../log';
import { checkMutation } from './check-mutation';
import { toHBaseError } from './hbase-error';
import type { HBaseConnection } from './hbase-tables';
import type { CheckCondition, DeleteOptions, IncrementOptions, ReadOptions, Row, RowMutation, ScanOptions } from './hbase-types';
import { NativeClient } from './native/native-client';
import type { MetaServer } from './native/region-locator';
import { toRow } from './result-row';
import { rowVerdict, scanBounds } from './scan-range';

export interface HBaseStoreOptions {
  readonly zookeeperQuorum: readonly { readonly host: string; readonly port: number }[];
  readonly zookeeperRoot: string;
  /** Sent as effectiveUser and realUser (SIMPLE authentication). */
  readonly user: string;
  readonly callTimeoutMs: number;
  /** How long to wait for ZooKeeper to tell where hbase:meta is. */
  readonly readyTimeoutMs?: number;
  /** Retries of the client for region-level failures (default 10, about 40 s with backoff). */
  readonly maxActionRetries?: number;
  readonly retryPauseMs?: number;
  readonly logger?: Logger;
  /** Told of every call's operation, table, latency and outcome (metrics); what it throws is ignored. */
  readonly onCall?: HBaseCallObserver;
  /** Which client serves puts, gets and scans (default native). */
  readonly client?: 'native' | 'legacy';
}

export type HBaseCallObserver = (call: {
  readonly operation: string;
  readonly table: string;
  readonly seconds: number;
  readonly ok: boolean;
}) => void;

export function hbaseStoreOptions(config: Config, logger?: Logger): HBaseStoreOptions {
  const { zookeeperQuorum, zookeeperRoot, user, callTimeoutMs, client } = config.hbase;
  return { zookeeperQuorum, zookeeperRoot, user, callTimeoutMs, logger, client };
}

export class HBaseStore implements HBaseConnection {
  private readonly client: Client;
  private readonly native: NativeClient | undefined;
  private readonly readyTimeoutMs: number;
  private isReady = false;
  private closed = false;

  constructor(private readonly options: HBaseStoreOptions) {
    this.readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
    const clientOptions: ClientOptions = {
      zookeeperHosts: options.zookeeperQuorum.map(({ host, port }) => `${host}:${port}`),
      zookeeperRoot: options.zookeeperRoot,
      effectiveUser: options.user,
      realUser: options.user,
      callTimeout: options.callTimeoutMs,
      rpcTimeout: options.callTimeoutMs,
      maxActionRetries: options.maxActionRetries,
      retryPauseMs: options.retryPauseMs,
      tcpNoDelay: true, // without it Nagle + delayed ACK add ~40 ms to every call
    };
    this.client = hbase(clientOptions);
    this.client.once('ready', () => (this.isReady = true));
    // The client emits 'error' (e.g. ZooKeeper unreachable); unhandled it would kill the process.
    this.client.on('error', (error: unknown) => options.logger?.warn(`HBase client: ${String((error as Error)?.message ?? error)}`));
    if ((options.client ?? 'native') === 'native') {
      this.native = new NativeClient({
        user: options.user,
        callTimeoutMs: options.callTimeoutMs,
        maxRetries: options.maxActionRetries,
        retryPauseMs: options.retryPauseMs,
        metaServer: () => metaServerOf(this.client),
      });
    }
  }

  /** Which client serves puts, gets and scans. */
  get clientKind(): 'native' | 'legacy' {
    return this.native ? 'native' : 'legacy';
  }

  /** Resolves once ZooKeeper has told where hbase:meta is. */
  ready(): Promise<void> {
    if (this.closed) return Promise.reject(new HBaseError('HBase store is closed'));
    if (this.isReady) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.client.removeListener('ready', onReady);
        const quorum = this.options.zookeeperQuorum.map(({ host, port }) => `${host}:${port}`).join(',');
        reject(
          new HBaseError(`HBase not ready after ${this.readyTimeoutMs} ms (ZooKeeper ${quorum}, root ${this.options.zookeeperRoot})`, {
            retriable: true,
          }),
        );
      }, this.readyTimeoutMs);
      const onReady = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.client.once('ready', onReady);
    });
  }

  async put(table: string, mutation: RowMutation): Promise<void> {
    if (this.native) return this.puts(table, [mutation]);
    const put = toPut(mutation);
    await this.call('put', table, (done) => this.client.put(table, put, done));
  }

  /** One Multi per region server; all or an error listing what failed. */
  async puts(table: string, mutations: readonly RowMutation[]): Promise<void> {
    if (mutations.length === 0) return;
    if (this.native) {
      for (const mutation of mutations) checkMutation(mutation);
      await this.ready();
      const native = this.native;
      await this.timed('puts', table, () => native.puts(table, mutations));
      return;
    }
    const puts = mutations.map(toPut);
    await this.call('puts', table, (done) => this.client.mput(table, puts, done));
  }

  async get(table: string, row: Buffer, options: ReadOptions = {}): Promise<Row | null> {
    if (this.native) {
      await this.ready();
      const native = this.native;
      return this.timed('get', table, () => native.get(table, row, options));
    }
    const get = toGet(row, options);
    return toRow(await this.call<ParsedResult | null>('get', table, (done) => this.client.get(table, get, done)));
  }

  /** Rows in the order of `rows`; null where a row does not exist. */
  async mget(table: string, rows: readonly Buffer[], options: ReadOptions = {}): Promise<(Row | null)[]> {
    if (rows.length === 0) return [];
    if (this.native) {
      await this.ready();
      const native = this.native;
      return this.timed('mget', table, () => native.mget(table, rows, options));
    }
    const gets = rows.map((row) => toGet(row, options));
    const results = await this.call<(ParsedResult | null)[]>('mget', table, (done) => this.client.mget(table, gets, done));
    return results.map(toRow);
  }

  async delete(table: string, row: Buffer, options: DeleteOptions = {}): Promise<void> {
    const del = new hbase.Delete(row);
    if (options.family !== undefined && options.qualifier !== undefined && options.onlyVersion !== undefined)
      del.deleteColumn(options.family, options.qualifier, options.onlyVersion);
    else if (options.family !== undefined && options.qualifier !== undefined)
      del.deleteColumns(options.family, options.qualifier, options.timestamp);
    else if (options.family !== undefined) del.deleteFamily(options.family, options.timestamp);
    await this.call('delete', table, (done) => this.client.delete(table, del, done));
  }

  /** Applies `mutation` only if the condition holds; true if it was applied. */
  async checkAndPut(table: string, condition: CheckCondition, mutation: RowMutation): Promise<boolean> {
    const put = toPut(mutation);
    const expected = condition.value ?? Buffer.alloc(0); // HBase reads an empty value as "absent"
    const response = await this.call<MutateResponse>('checkAndPut', table, (done) =>
      this.client.checkAndPut(table, mutation.row, condition.family, condition.qualifier, expected, put, done),
    );
    return response?.processed === true;
  }

  /** Adds `amount` to a 64-bit counter cell and returns its new value. */
  async increment(
    table: string,
    row: Buffer,
    family: string,
    qualifier: string,
    amount: bigint | number,
    options: IncrementOptions = {},
  ): Promise<bigint> {
    const increment = new hbase.Increment(row);
    increment.add(family, qualifier, amount.toString());
    if (options.nonce !== undefined) {
      if (options.nonce <= 0n || options.nonce >= 2n ** 64n)
        throw new HBaseError(`increment nonce must be a uint64 > 0, got ${options.nonce}`);
      (increment as { nonce?: unknown }).nonce = options.nonce.toString();
    }
    const response = await this.call<MutateResponse>('increment', table, (done) => this.client.increment(table, increment, done));
    const cell = (
      response?.result as { cell?: { qualifier: { toBuffer(): Buffer }; value: { toBuffer(): Buffer } }[] } | undefined
    )?.cell?.find((c) => c.qualifier.toBuffer().toString() === qualifier);
    if (!cell) throw new HBaseError(`HBase increment on ${table} returned no value for ${family}:${qualifier}`);
    return cell.value.toBuffer().readBigInt64BE(0);
  }

  /** Rows in key order (reverse order if `reversed`); stop early with `break` and the scanner is closed. */
  async *scan(table: string, options: ScanOptions = {}): AsyncGenerator<Row, void, undefined> {
    await this.ready();
    const { start, stop } = scanBounds(options);
    if (this.native && !options.reversed) {
      yield* this.nativeScan(table, start, stop, options);
      return;
    }
    let scanner: Scan;
    try {
      scanner = this.client.getScanner(table, start, stop);
    } catch (error) {
      throw toHBaseError('scan', table, error);
    }
    scanner.numCached = options.caching ?? 100;
    if (options.reversed) scanner.setReversed(true);
    scanner.scanFields = {
      ...(options.families
        ? {
            column: options.families.map((family) => ({
              family,
              ...(options.qualifiers ? { qualifier: options.qualifiers.map((q) => Buffer.from(q, 'utf8')) } : {}),
            })),
          }
        : {}),
      ...(options.timeRange ? { timeRange: { from: options.timeRange.from, to: options.timeRange.to } } : {}),
      ...((options.maxResultSize ?? 0) > 0 ? { maxResultSize: options.maxResultSize } : {}),
    };
    const limit = options.limit ?? Infinity;
    let taken = 0;
    try {
      while (taken < limit) {
        const result = await new Promise<ParsedResult | Record<string, never>>((resolve, reject) =>
          scanner.next((error, value) => (error ? reject(toHBaseError('scan', table, error)) : resolve(value))),
        );
        if (!('row' in result)) return;
        const verdict = rowVerdict(result.row, options);
        if (verdict === 'end') return;
        if (verdict === 'skip') continue;
        const row = toRow(result as ParsedResult);
        if (row) {
          taken++;
          yield row;
        }
      }
    } finally {
      scanner.close();
    }
  }

  private async *nativeScan(
    table: string,
    start: Buffer | undefined,
    stop: Buffer | undefined,
    options: ScanOptions,
  ): AsyncGenerator<Row, void, undefined> {
    const limit = options.limit ?? Infinity;
    if (limit <= 0) return;
    const caching = Math.max(1, Math.min(options.caching ?? 100, limit));
    let taken = 0;
    const rows = (this.native as NativeClient).scan(table, {
      ...(start ? { start } : {}),
      ...(stop ? { stop } : {}),
      ...(options.families ? { families: options.families } : {}),
      ...(options.qualifiers ? { qualifiers: options.qualifiers } : {}),
      ...(options.timeRange ? { timeRange: options.timeRange } : {}),
      ...((options.maxResultSize ?? 0) > 0 ? { maxResultSize: options.maxResultSize } : {}),
      ...(options.firstKeyOnly === true ? { firstKeyOnly: true } : {}),
      caching,
    });
    for await (const row of rows) {
      const verdict = rowVerdict(row.key, options);
      if (verdict === 'end') return;
      if (verdict === 'skip') continue;
      yield row;
      if (++taken >= limit) return;
    }
  }

  /** The whole scan in memory; for small ranges. */
  async scanAll(table: string, options: ScanOptions = {}): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const row of this.scan(table, options)) rows.push(row);
    return rows;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.native?.close();
    this.client.close();
  }

  /** A native call, told to the observer like the legacy ones. */
  private async timed<T>(operation: string, table: string, run: () => Promise<T>): Promise<T> {
    const observe = this.observer(operation, table);
    try {
      const value = await run();
      observe(true);
      return value;
    } catch (error) {
      observe(false);
      throw error;
    }
  }

  private observer(operation: string, table: string): (ok: boolean) => void {
    const started = performance.now();
    return (ok) => {
      try {
        this.options.onCall?.({ operation, table, seconds: (performance.now() - started) / 1000, ok });
      } catch {
        // metrics never fail a call
      }
    };
  }

  private async call<T>(operation: string, table: string, run: (done: (error: unknown, value: T) => void) => void): Promise<T> {
    await this.ready();
    const observe = this.observer(operation, table);
    return new Promise<T>((resolve, reject) => {
      try {
        run((error, value) => {
          observe(!error);
          if (error) reject(toHBaseError(operation, table, error));
          else resolve(value);
        });
      } catch (error) {
        observe(false);
        reject(toHBaseError(operation, table, error));
      }
    });
  }
}

function toPut(mutation: RowMutation): InstanceType<typeof hbase.Put> {
  checkMutation(mutation);
  const put = new hbase.Put(mutation.row);
  for (const cell of mutation.cells) put.add(cell.family, cell.qualifier, cell.value, cell.timestamp);
  return put;
}

/** Where hbase:meta is, as the legacy client's ZooKeeper watch last saw it. */
function metaServerOf(client: Client): MetaServer | undefined {
  const server = (client as { rootServer?: { hostName?: string; port?: number } }).rootServer;
  return server?.hostName && (server.port ?? 0) > 0 ? { host: server.hostName, port: Number(server.port) } : undefined;
}

function toGet(row: Buffer, options: ReadOptions): InstanceType<typeof hbase.Get> {
  const get = new hbase.Get(row);
  for (const family of options.families ?? []) {
    // As Buffers: protobufjs 2 would not encode a string qualifier as UTF-8.
    if (options.qualifiers) for (const qualifier of options.qualifiers) get.addColumn(family, Buffer.from(qualifier, 'utf8'));
    else get.addColumn(family);
  }
  if (options.timeRange) get.setTimeRange(options.timeRange.from, options.timeRange.to);
  return get;
}
