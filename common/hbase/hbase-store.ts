// HBaseStore: the project's narrow, promise-based HBase interface over
// hbase-rpc-client (native RPC, patched for HBase 2.x in ops/patches).
//
// Authentication: SIMPLE only (no Kerberos/SASL). The client sends `effectiveUser`
// (and `realUser`) in the connection header and the server trusts it, so run only
// where the HBase RPC port is not reachable by untrusted clients.
//
// Retries: the client itself retries region-level failures (region moved or split,
// timeouts, closed sockets) with backoff after re-reading hbase:meta. What still fails
// surfaces as HBaseError with `retriable` set, for the caller's retry (common/retry).

import hbase from 'hbase-rpc-client';
import type { Client, ClientOptions, MutateResponse, ParsedResult, Scan } from 'hbase-rpc-client';
import type { Config } from '../config';
import { HBaseError } from '../errors';
import type { Logger } from '../log';
import { toHBaseError } from './hbase-error';
import type { CheckCondition, DeleteOptions, IncrementOptions, ReadOptions, Row, RowMutation, ScanOptions } from './hbase-types';
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
}

export function hbaseStoreOptions(config: Config, logger?: Logger): HBaseStoreOptions {
  const { zookeeperQuorum, zookeeperRoot, user, callTimeoutMs } = config.hbase;
  return { zookeeperQuorum, zookeeperRoot, user, callTimeoutMs, logger };
}

export class HBaseStore {
  private readonly client: Client;
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
  }

  /** Resolves once ZooKeeper has told where hbase:meta is. */
  ready(): Promise<void> {
    if (this.closed) return Promise.reject(new HBaseError('HBase store is closed'));
    if (this.isReady) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.client.removeListener('ready', onReady);
        const quorum = this.options.zookeeperQuorum.map(({ host, port }) => `${host}:${port}`).join(',');
        reject(new HBaseError(`HBase not ready after ${this.readyTimeoutMs} ms (ZooKeeper ${quorum}, root ${this.options.zookeeperRoot})`, { retriable: true }));
      }, this.readyTimeoutMs);
      const onReady = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.client.once('ready', onReady);
    });
  }

  async put(table: string, mutation: RowMutation): Promise<void> {
    const put = toPut(mutation);
    await this.call('put', table, (done) => this.client.put(table, put, done));
  }

  /** One Multi per region server; all or an error listing what failed. */
  async puts(table: string, mutations: readonly RowMutation[]): Promise<void> {
    if (mutations.length === 0) return;
    const puts = mutations.map(toPut);
    await this.call('puts', table, (done) => this.client.mput(table, puts, done));
  }

  async get(table: string, row: Buffer, options: ReadOptions = {}): Promise<Row | null> {
    const get = toGet(row, options);
    return toRow(await this.call<ParsedResult | null>('get', table, (done) => this.client.get(table, get, done)));
  }

  /** Rows in the order of `rows`; null where a row does not exist. */
  async mget(table: string, rows: readonly Buffer[], options: ReadOptions = {}): Promise<(Row | null)[]> {
    if (rows.length === 0) return [];
    const gets = rows.map((row) => toGet(row, options));
    const results = await this.call<(ParsedResult | null)[]>('mget', table, (done) => this.client.mget(table, gets, done));
    return results.map(toRow);
  }

  async delete(table: string, row: Buffer, options: DeleteOptions = {}): Promise<void> {
    const del = new hbase.Delete(row);
    if (options.family !== undefined && options.qualifier !== undefined && options.onlyVersion !== undefined) del.deleteColumn(options.family, options.qualifier, options.onlyVersion);
    else if (options.family !== undefined && options.qualifier !== undefined) del.deleteColumns(options.family, options.qualifier, options.timestamp);
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
  async increment(table: string, row: Buffer, family: string, qualifier: string, amount: bigint | number, options: IncrementOptions = {}): Promise<bigint> {
    const increment = new hbase.Increment(row);
    increment.add(family, qualifier, amount.toString());
    if (options.nonce !== undefined) {
      if (options.nonce <= 0n || options.nonce >= 2n ** 64n) throw new HBaseError(`increment nonce must be a uint64 > 0, got ${options.nonce}`);
      (increment as { nonce?: unknown }).nonce = options.nonce.toString();
    }
    const response = await this.call<MutateResponse>('increment', table, (done) => this.client.increment(table, increment, done));
    const cell = (response?.result as { cell?: { qualifier: { toBuffer(): Buffer }; value: { toBuffer(): Buffer } }[] } | undefined)?.cell?.find(
      (c) => c.qualifier.toBuffer().toString() === qualifier,
    );
    if (!cell) throw new HBaseError(`HBase increment on ${table} returned no value for ${family}:${qualifier}`);
    return cell.value.toBuffer().readBigInt64BE(0);
  }

  /** Rows in key order (reverse order if `reversed`); stop early with `break` and the scanner is closed. */
  async *scan(table: string, options: ScanOptions = {}): AsyncGenerator<Row, void, undefined> {
    await this.ready();
    const { start, stop } = scanBounds(options);
    let scanner: Scan;
    try {
      scanner = this.client.getScanner(table, start, stop);
    } catch (error) {
      throw toHBaseError('scan', table, error);
    }
    scanner.numCached = options.caching ?? 100;
    if (options.reversed) scanner.setReversed(true);
    scanner.scanFields = {
      ...(options.families ? { column: options.families.map((family) => ({ family })) } : {}),
      ...(options.timeRange ? { timeRange: { from: options.timeRange.from, to: options.timeRange.to } } : {}),
      ...(options.maxResultSize ? { maxResultSize: options.maxResultSize } : {}),
    };
    const limit = options.limit ?? Infinity;
    let taken = 0;
    try {
      while (taken < limit) {
        const result = await new Promise<ParsedResult | Record<string, never>>((resolve, reject) =>
          scanner.next((error, value) => (error ? reject(toHBaseError('scan', table, error)) : resolve(value))),
        );
        if (!('row' in result) || !result.row) return;
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

  /** The whole scan in memory; for small ranges. */
  async scanAll(table: string, options: ScanOptions = {}): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const row of this.scan(table, options)) rows.push(row);
    return rows;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.close();
  }

  private async call<T>(operation: string, table: string, run: (done: (error: unknown, value: T) => void) => void): Promise<T> {
    await this.ready();
    return new Promise<T>((resolve, reject) => {
      try {
        run((error, value) => (error ? reject(toHBaseError(operation, table, error)) : resolve(value)));
      } catch (error) {
        reject(toHBaseError(operation, table, error));
      }
    });
  }
}

function toPut(mutation: RowMutation): InstanceType<typeof hbase.Put> {
  if (mutation.cells.length === 0) throw new HBaseError(`put of row ${mutation.row.toString('hex')} has no cells`);
  const put = new hbase.Put(mutation.row);
  for (const cell of mutation.cells) {
    if (!Number.isSafeInteger(cell.timestamp) || cell.timestamp < 0) throw new HBaseError(`cell timestamp must be epoch ms, got ${cell.timestamp}`);
    put.add(cell.family, cell.qualifier, cell.value, cell.timestamp);
  }
  return put;
}

function toGet(row: Buffer, options: ReadOptions): InstanceType<typeof hbase.Get> {
  const get = new hbase.Get(row);
  for (const family of options.families ?? []) get.addColumn(family);
  if (options.timeRange) get.setTimeRange(options.timeRange.from, options.timeRange.to);
  return get;
}
