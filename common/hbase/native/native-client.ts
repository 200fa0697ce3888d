// The project's own HBase client for the calls made per row: Multi (puts and gets),
// Get and Scan, over RpcConnection (one per region server, many calls in flight) and
// RegionLocator (cached regions, hbase:meta lookups). Multi results come back in input
// order (Action.index); only failed actions are retried, after a backoff (common/retry);
// a scanner that fails mid-way is reopened just after the last row it returned.

import { HBaseError } from '../../errors';
import { backoffDelay, sleep } from '../../retry';
import type { ReadOptions, Row, RowMutation } from '../hbase-types';
import { encodeGetCall, encodeMultiCall, encodeScanCall, type MultiAction, type RegionActions, type ScanSpec } from '../wire/request-codec';
import { decodeGetResponse, decodeMultiResponse, decodeScanResponse, type RegionOutcome, type ScanResult } from '../wire/response-codec';
import type { RegionLocation } from './region-cache';
import { RegionLocator, type MetaServer } from './region-locator';
import { RpcConnection } from './rpc-connection';
import { needsRelocation, scannerLost, serverError } from './server-error';

export interface NativeClientOptions {
  readonly user: string;
  readonly callTimeoutMs: number;
  /** Where hbase:meta is (from ZooKeeper); undefined while not known. */
  readonly metaServer: () => MetaServer | undefined;
  /** Retries of failed actions (default 10). */
  readonly maxRetries?: number;
  /** First backoff pause (default 100 ms), doubling up to 5 s, with jitter. */
  readonly retryPauseMs?: number;
  /** Actions per Multi call; a region server's share of a batch is cut into calls of this size, all in flight at once. */
  readonly actionsPerCall?: number;
}

export interface ScanRequestOptions extends ScanSpec {
  readonly caching: number;
}

const EMPTY = Buffer.alloc(0);
const ZERO = Buffer.from([0]);

interface Failure {
  readonly index: number;
  readonly error: unknown;
}

export class NativeClient {
  private readonly connections = new Map<string, RpcConnection>();
  private readonly locator: RegionLocator;
  private readonly maxRetries: number;
  private readonly retryPauseMs: number;
  private readonly actionsPerCall: number;
  private closed = false;

  constructor(private readonly options: NativeClientOptions) {
    this.locator = new RegionLocator(options.metaServer, (server) => this.connection(server));
    this.maxRetries = options.maxRetries ?? 10;
    this.retryPauseMs = options.retryPauseMs ?? 100;
    this.actionsPerCall = options.actionsPerCall ?? 2000;
  }

  async puts(table: string, mutations: readonly RowMutation[]): Promise<void> {
    const actions = new Array<MultiAction>(mutations.length);
    for (let i = 0; i < mutations.length; i++) actions[i] = { index: i, put: mutations[i] };
    await this.multi('puts', table, actions, (action) => (action.put as RowMutation).row);
  }

  /** Rows in the order of `rows`; null where a row does not exist. */
  mget(table: string, rows: readonly Buffer[], options: ReadOptions): Promise<(Row | null)[]> {
    const actions = new Array<MultiAction>(rows.length);
    for (let i = 0; i < rows.length; i++) actions[i] = { index: i, get: { row: rows[i] as Buffer, options } };
    return this.multi('mget', table, actions, (action) => (action.get as { row: Buffer }).row);
  }

  async get(table: string, row: Buffer, options: ReadOptions): Promise<Row | null> {
    for (let attempt = 0; ; attempt++) {
      let region: RegionLocation | undefined;
      try {
        region = await this.locator.locate(table, row);
        const at = region;
        return await this.connection(at.server).call(
          'get',
          table,
          (callId) => encodeGetCall(callId, at.name, { row, options }),
          decodeGetResponse,
        );
      } catch (error) {
        await this.afterFailure(table, region, error, attempt, 'get');
      }
    }
  }

  /** Rows in key order from `spec.start` to `spec.stop`, region after region; resumes after the last row on failures. */
  async *scan(table: string, request: ScanRequestOptions): AsyncGenerator<Row, void, undefined> {
    let start = request.start ?? EMPTY;
    let last: Buffer | undefined;
    let attempt = 0;
    for (;;) {
      let region: RegionLocation | undefined;
      let scannerId: bigint | undefined;
      let pending: Promise<ScanResult> | undefined;
      try {
        region = await this.locator.locate(table, start);
        const at = region;
        const connection = this.connection(at.server);
        const spec: ScanSpec = { ...request, start };
        pending = connection.call(
          'scan',
          table,
          (callId) => encodeScanCall(callId, { kind: 'open', regionName: at.name, scan: spec, rows: request.caching }),
          decodeScanResponse,
        );
        let callSeq = 0;
        for (;;) {
          const response: ScanResult = await (pending as Promise<ScanResult>);
          pending = undefined;
          if (response.scannerId !== undefined) scannerId = response.scannerId;
          const scanDone = response.moreResults === false;
          // Old servers do not send more_results_in_region: only an empty batch then ends the region.
          const regionDone =
            scanDone ||
            response.moreResultsInRegion === false ||
            (response.moreResultsInRegion === undefined && response.rows.length === 0);
          if (!regionDone && scannerId !== undefined) {
            const id = scannerId;
            const seq = callSeq++;
            // Ask for the next batch while this one is consumed.
            pending = connection.call(
              'scan',
              table,
              (callId) => encodeScanCall(callId, { kind: 'next', scannerId: id, rows: request.caching, callSeq: seq }),
              decodeScanResponse,
            );
            pending.catch(() => undefined);
          } else scannerId = undefined; // the server closed it
          for (const row of response.rows) {
            last = row.key;
            attempt = 0;
            yield row;
          }
          if (scanDone) return;
          if (regionDone) break;
        }
      } catch (error) {
        if (pending) await pending.catch(() => undefined);
        pending = undefined;
        // Resume just after the last row returned (the key is built here, not per row).
        if (last) start = Buffer.concat([last, ZERO]);
        last = undefined;
        if (scannerLost(error)) {
          if (attempt++ >= this.maxRetries) throw error;
          continue; // reopen just after the last row returned
        }
        await this.afterFailure(table, region, error, attempt++, 'scan');
        continue;
      } finally {
        // A batch still in flight (the consumer stopped early): let it land, then close the scanner.
        if (pending) await pending.catch(() => undefined);
        if (scannerId !== undefined && region) this.closeScanner(table, region, scannerId);
      }
      // The region is finished: go on with the next one, unless it was the last or past the stop row.
      last = undefined;
      const end = region.endKey;
      if (end.length === 0 || (request.stop && request.stop.length > 0 && Buffer.compare(end, request.stop) >= 0)) return;
      start = end;
    }
  }

  close(): void {
    this.closed = true;
    for (const connection of this.connections.values()) connection.close();
    this.connections.clear();
  }

  private closeScanner(table: string, region: RegionLocation, scannerId: bigint): void {
    const connection = this.connections.get(region.server);
    if (!connection?.usable) return;
    connection
      .call('scan close', table, (callId) => encodeScanCall(callId, { kind: 'close', scannerId }), decodeScanResponse)
      .catch(() => undefined);
  }

  private connection(server: string): RpcConnection {
    if (this.closed) throw new HBaseError('HBase store is closed');
    let connection = this.connections.get(server);
    if (!connection || !connection.usable) {
      const colon = server.lastIndexOf(':');
      connection = new RpcConnection({
        host: server.slice(0, colon),
        port: Number(server.slice(colon + 1)),
        user: this.options.user,
        callTimeoutMs: this.options.callTimeoutMs,
      });
      this.connections.set(server, connection);
    }
    return connection;
  }

  /** Throws if the error is final or retries are used up; else drops stale locations and waits the backoff. */
  private async afterFailure(
    table: string,
    region: RegionLocation | undefined,
    error: unknown,
    attempt: number,
    operation: string,
  ): Promise<void> {
    const hbaseError =
      error instanceof HBaseError
        ? error
        : new HBaseError(`HBase ${operation} on ${table} failed: ${String(error)}`, { retriable: false, cause: error });
    if (!hbaseError.retriable || this.closed) throw hbaseError;
    if (attempt >= this.maxRetries)
      throw new HBaseError(`HBase ${operation} on ${table} failed after ${attempt + 1} attempts: ${hbaseError.message}`, {
        retriable: true,
        cause: error,
      });
    if (region && needsRelocation(error)) this.locator.cache.invalidate(table, region);
    await sleep(backoffDelay(attempt + 1, { initialDelayMs: this.retryPauseMs, maxDelayMs: 5_000 }));
  }

  private async multi(
    operation: string,
    table: string,
    actions: readonly MultiAction[],
    rowOf: (action: MultiAction) => Buffer,
  ): Promise<(Row | null)[]> {
    const results = new Array<Row | null>(actions.length).fill(null);
    let todo = actions;
    for (let attempt = 0; ; attempt++) {
      const failures = await this.multiRound(operation, table, todo, rowOf, results);
      if (failures.length === 0) return results;
      const final = failures.find((f) => !(f.error instanceof HBaseError && f.error.retriable));
      const first = (final ?? failures[0]) as Failure;
      if (final || attempt >= this.maxRetries || this.closed) {
        const detail = first.error instanceof Error ? first.error.message : String(first.error);
        throw new HBaseError(
          `HBase ${operation} on ${table}: ${failures.length} of ${actions.length} actions failed${final ? '' : ` after ${attempt + 1} attempts`}: ${detail}`,
          {
            retriable: !final,
            cause: first.error,
          },
        );
      }
      const failed = new Set(failures.map((f) => f.index));
      todo = todo.filter((action) => failed.has(action.index));
      await sleep(backoffDelay(attempt + 1, { initialDelayMs: this.retryPauseMs, maxDelayMs: 5_000 }));
    }
  }

  /** One attempt: actions grouped by region and server, every call in flight at once. */
  private async multiRound(
    operation: string,
    table: string,
    actions: readonly MultiAction[],
    rowOf: (action: MultiAction) => Buffer,
    results: (Row | null)[],
  ): Promise<Failure[]> {
    const failures: Failure[] = [];
    const byRegion = await this.groupByRegion(table, actions, rowOf, failures);
    const calls = planMultiCalls(byRegion, this.actionsPerCall);
    await Promise.all(calls.map((call) => this.sendMultiCall(operation, table, call, results, failures)));
    return failures;
  }

  /** Actions by region; an action whose region cannot be located becomes a failure. */
  private async groupByRegion(
    table: string,
    actions: readonly MultiAction[],
    rowOf: (action: MultiAction) => Buffer,
    failures: Failure[],
  ): Promise<Map<RegionLocation, MultiAction[]>> {
    const byRegion = new Map<RegionLocation, MultiAction[]>();
    for (const action of actions) {
      const row = rowOf(action);
      let region = this.locator.cached(table, row);
      if (!region) {
        try {
          region = await this.locator.locate(table, row);
        } catch (error) {
          failures.push({ index: action.index, error });
          continue;
        }
      }
      let list = byRegion.get(region);
      if (!list) byRegion.set(region, (list = []));
      list.push(action);
    }
    return byRegion;
  }

  /** Sends one call; results land in `results`, failed actions in `failures`. */
  private async sendMultiCall(
    operation: string,
    table: string,
    call: MultiCall,
    results: (Row | null)[],
    failures: Failure[],
  ): Promise<void> {
    let outcomes: RegionOutcome[];
    try {
      outcomes = await this.connection(call.server).call(
        operation,
        table,
        (callId) => encodeMultiCall(callId, call.regions),
        decodeMultiResponse,
      );
    } catch (error) {
      if (needsRelocation(error)) this.locator.cache.invalidateServer(call.server);
      for (const region of call.regions) for (const action of region.actions) failures.push({ index: action.index, error });
      return;
    }
    call.regions.forEach((sent, i) =>
      this.takeRegionOutcome(operation, table, sent, outcomes[i], call.locations[i] as RegionLocation, results, failures),
    );
  }

  private takeRegionOutcome(
    operation: string,
    table: string,
    sent: RegionActions,
    outcome: RegionOutcome | undefined,
    location: RegionLocation,
    results: (Row | null)[],
    failures: Failure[],
  ): void {
    if (!outcome || outcome.exception) {
      const error = outcome?.exception
        ? serverError(operation, table, outcome.exception)
        : new HBaseError(`HBase ${operation} on ${table}: no answer for region ${location.name.toString()}`, { retriable: true });
      if (needsRelocation(error)) this.locator.cache.invalidate(table, location);
      for (const action of sent.actions) failures.push({ index: action.index, error });
      return;
    }
    let relocate = false;
    for (const result of outcome.actions) {
      if (result.exception) {
        const error = serverError(operation, table, result.exception);
        relocate ||= needsRelocation(error);
        failures.push({ index: result.index, error });
      } else if (result.index >= 0 && result.index < results.length) results[result.index] = result.row;
    }
    if (relocate) this.locator.cache.invalidate(table, location);
    if (outcome.actions.length < sent.actions.length) {
      const answered = new Set(outcome.actions.map((a) => a.index));
      for (const action of sent.actions) {
        if (!answered.has(action.index))
          failures.push({
            index: action.index,
            error: new HBaseError(`HBase ${operation} on ${table}: action ${action.index} not answered`, { retriable: true }),
          });
      }
    }
  }
}

interface MultiCall {
  server: string;
  regions: RegionActions[];
  locations: RegionLocation[];
  count: number;
}

/** Calls: per server, regions' actions cut into calls of at most actionsPerCall actions. */
function planMultiCalls(byRegion: Map<RegionLocation, MultiAction[]>, actionsPerCall: number): MultiCall[] {
  const calls: MultiCall[] = [];
  const open = new Map<string, MultiCall>();
  for (const [region, list] of byRegion) {
    for (let from = 0; from < list.length;) {
      let call = open.get(region.server);
      if (!call || call.count >= actionsPerCall) {
        call = { server: region.server, regions: [], locations: [], count: 0 };
        calls.push(call);
        open.set(region.server, call);
      }
      const take = Math.min(list.length - from, actionsPerCall - call.count);
      call.regions.push({ regionName: region.name, actions: from === 0 && take === list.length ? list : list.slice(from, from + take) });
      call.locations.push(region);
      call.count += take;
      from += take;
    }
  }
  return calls;
}
