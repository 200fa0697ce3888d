// HBaseTables in memory for unit tests: what HBase does for the calls the layers
// make, not a mock that answers what a test wants. Tables and their families must
// exist (createTable), as in HBase. Scans go in unsigned byte order of row keys.
// Every put keeps its version (by cell timestamp; the same timestamp overwrites);
// a read sees the newest version not hidden by a delete marker. Deletes leave
// markers as HBase does until a major compaction (never run here): a column,
// family or row delete hides every version at or below its timestamp (default:
// now), `onlyVersion` hides exactly that one. checkAndPut compares the newest
// version (an empty expected value means "absent", as on the wire). increment
// keeps an 8-byte big-endian counter stamped max(now, previous + 1), and a
// repeated nonce counts once. `failWith` makes chosen calls fail, for retry paths.

import { HBaseError } from '../../common/errors';
import {
  checkMutation,
  type Cell,
  type CheckCondition,
  type DeleteOptions,
  type HBaseTables,
  type IncrementOptions,
  type ReadOptions,
  type Row,
  type RowMutation,
  type ScanOptions,
} from '../../common/hbase';

interface Version {
  readonly timestamp: number;
  readonly value: Buffer;
}

interface StoredRow {
  readonly key: Buffer;
  /** Versions by column ("family\0qualifier"), newest first. */
  readonly columns: Map<string, Version[]>;
  /** Delete markers: versions at or below the timestamp are hidden. */
  readonly columnDeletes: Map<string, number>;
  readonly familyDeletes: Map<string, number>;
  /** Exact versions hidden by `onlyVersion` deletes. */
  readonly versionDeletes: Map<string, Set<number>>;
}

interface Table {
  readonly families: ReadonlySet<string>;
  readonly rows: Map<string, StoredRow>;
  readonly nonces: Set<bigint>;
}

export type HBaseOperation = 'put' | 'puts' | 'get' | 'mget' | 'delete' | 'checkAndPut' | 'increment' | 'scan';

export interface HBaseCall {
  readonly operation: HBaseOperation;
  readonly table: string;
}

const columnKey = (family: string, qualifier: string): string => `${family}\0${qualifier}`;
const rowId = (key: Buffer): string => key.toString('latin1');

export class MemoryHBase implements HBaseTables {
  private readonly tables = new Map<string, Table>();
  /** Every call in order, for tests that count round trips. */
  readonly calls: HBaseCall[] = [];
  /** Decides, before each call, whether it fails (and with what). */
  failWith: ((call: HBaseCall) => Error | undefined) | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  createTable(name: string, families: readonly string[]): this {
    if (this.tables.has(name)) throw new HBaseError(`TableExistsException: ${name}`);
    this.tables.set(name, { families: new Set(families), rows: new Map(), nonces: new Set() });
    return this;
  }

  async put(table: string, mutation: RowMutation): Promise<void> {
    this.write(table, this.begin('put', table), mutation);
  }

  async puts(table: string, mutations: readonly RowMutation[]): Promise<void> {
    if (mutations.length === 0) return;
    const t = this.begin('puts', table);
    for (const mutation of mutations) this.checkFamilies(table, t, mutation);
    for (const mutation of mutations) this.write(table, t, mutation);
  }

  async get(table: string, row: Buffer, options: ReadOptions = {}): Promise<Row | null> {
    return this.read(this.begin('get', table), row, options);
  }

  async mget(table: string, rows: readonly Buffer[], options: ReadOptions = {}): Promise<(Row | null)[]> {
    if (rows.length === 0) return [];
    const t = this.begin('mget', table);
    return rows.map((row) => this.read(t, row, options));
  }

  async delete(table: string, row: Buffer, options: DeleteOptions = {}): Promise<void> {
    const stored = this.rowOf(this.begin('delete', table), row);
    const at = options.timestamp ?? this.now();
    const { family, qualifier, onlyVersion } = options;
    if (family !== undefined && qualifier !== undefined && onlyVersion !== undefined) {
      const key = columnKey(family, qualifier);
      stored.versionDeletes.set(key, (stored.versionDeletes.get(key) ?? new Set()).add(onlyVersion));
    } else if (family !== undefined && qualifier !== undefined) raise(stored.columnDeletes, columnKey(family, qualifier), at);
    else if (family !== undefined) raise(stored.familyDeletes, family, at);
    else for (const f of this.table(table).families) raise(stored.familyDeletes, f, at);
  }

  async checkAndPut(table: string, condition: CheckCondition, mutation: RowMutation): Promise<boolean> {
    const t = this.begin('checkAndPut', table);
    this.checkFamilies(table, t, mutation);
    const current = this.newest(t.rows.get(rowId(mutation.row)), condition.family, condition.qualifier);
    const expected = condition.value && condition.value.length > 0 ? condition.value : null;
    const holds = expected === null ? current === undefined : current !== undefined && current.value.equals(expected);
    if (holds) this.write(table, t, mutation);
    return holds;
  }

  async increment(
    table: string,
    row: Buffer,
    family: string,
    qualifier: string,
    amount: bigint | number,
    options: IncrementOptions = {},
  ): Promise<bigint> {
    const t = this.begin('increment', table);
    if (!t.families.has(family)) throw new HBaseError(`NoSuchColumnFamilyException: ${family} in ${table}`);
    const current = this.newest(t.rows.get(rowId(row)), family, qualifier);
    if (current && current.value.length !== 8)
      throw new HBaseError(`DoNotRetryIOException: field is not a long, it's ${current.value.length} bytes wide`);
    const before = current ? current.value.readBigInt64BE(0) : 0n;
    if (options.nonce !== undefined) {
      if (t.nonces.has(options.nonce)) return before; // already applied: HBase answers with the current value
      t.nonces.add(options.nonce);
    }
    const value = Buffer.alloc(8);
    value.writeBigInt64BE(BigInt.asIntN(64, before + BigInt(amount)));
    const timestamp = Math.max(this.now(), (current?.timestamp ?? -1) + 1);
    this.write(table, t, { row, cells: [{ family, qualifier, value, timestamp }] });
    return value.readBigInt64BE(0);
  }

  async *scan(table: string, options: ScanOptions = {}): AsyncGenerator<Row, void, undefined> {
    const t = this.begin('scan', table);
    const order = options.reversed ? -1 : 1;
    // The rows as they are when the scanner opens (HBase reads at one point per region).
    const keys = [...t.rows.values()]
      .map((r) => r.key)
      .filter((key) => inRange(key, options))
      .sort((a, b) => order * Buffer.compare(a, b));
    const rows = keys.map((key) => this.read(t, key, options)).filter((row): row is Row => row !== null);
    yield* rows.slice(0, options.limit ?? rows.length);
  }

  async scanAll(table: string, options: ScanOptions = {}): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const row of this.scan(table, options)) rows.push(row);
    return rows;
  }

  private begin(operation: HBaseOperation, table: string): Table {
    const call = { operation, table };
    this.calls.push(call);
    const failure = this.failWith?.(call);
    if (failure) throw failure;
    return this.table(table);
  }

  private table(name: string): Table {
    const table = this.tables.get(name);
    if (!table) throw new HBaseError(`TableNotFoundException: ${name}`);
    return table;
  }

  private checkFamilies(name: string, table: Table, mutation: RowMutation): void {
    checkMutation(mutation);
    const unknown = mutation.cells.find((cell) => !table.families.has(cell.family));
    if (unknown) throw new HBaseError(`NoSuchColumnFamilyException: ${unknown.family} in ${name}`);
  }

  private rowOf(table: Table, key: Buffer): StoredRow {
    let row = table.rows.get(rowId(key));
    if (!row)
      table.rows.set(
        rowId(key),
        (row = {
          key: Buffer.from(key),
          columns: new Map(),
          columnDeletes: new Map(),
          familyDeletes: new Map(),
          versionDeletes: new Map(),
        }),
      );
    return row;
  }

  private write(name: string, table: Table, mutation: RowMutation): void {
    this.checkFamilies(name, table, mutation);
    const row = this.rowOf(table, mutation.row);
    for (const cell of mutation.cells) {
      const key = columnKey(cell.family, cell.qualifier);
      const versions = (row.columns.get(key) ?? []).filter((v) => v.timestamp !== cell.timestamp);
      versions.push({ timestamp: cell.timestamp, value: Buffer.from(cell.value) });
      row.columns.set(
        key,
        versions.sort((a, b) => b.timestamp - a.timestamp),
      );
    }
  }

  /** The newest version of one column that no delete marker hides (within the time range). */
  private newest(row: StoredRow | undefined, family: string, qualifier: string, options: ReadOptions = {}): Version | undefined {
    if (!row) return undefined;
    const key = columnKey(family, qualifier);
    const hiddenUpTo = Math.max(row.columnDeletes.get(key) ?? -1, row.familyDeletes.get(family) ?? -1);
    const exact = row.versionDeletes.get(key);
    const range = options.timeRange;
    return row.columns
      .get(key)
      ?.find(
        (v) => v.timestamp > hiddenUpTo && !exact?.has(v.timestamp) && (!range || (v.timestamp >= range.from && v.timestamp < range.to)),
      );
  }

  private read(table: Table, key: Buffer, options: ReadOptions): Row | null {
    const row = table.rows.get(rowId(key));
    if (!row) return null;
    const cells: Cell[] = [];
    for (const column of row.columns.keys()) {
      const [family, qualifier] = column.split('\0') as [string, string];
      if (options.families && !options.families.includes(family)) continue;
      if (options.qualifiers && !options.qualifiers.includes(qualifier)) continue;
      const version = this.newest(row, family, qualifier, options);
      if (version) cells.push({ family, qualifier, value: Buffer.from(version.value), timestamp: version.timestamp });
    }
    // HBase returns a row's cells sorted by family, then qualifier, as bytes.
    cells.sort((a, b) => {
      const byFamily = Buffer.compare(Buffer.from(a.family), Buffer.from(b.family));
      return byFamily !== 0 ? byFamily : Buffer.compare(Buffer.from(a.qualifier), Buffer.from(b.qualifier));
    });
    return cells.length > 0 ? { key: Buffer.from(row.key), cells } : null;
  }
}

function raise(markers: Map<string, number>, key: string, timestamp: number): void {
  markers.set(key, Math.max(markers.get(key) ?? -1, timestamp));
}

/** Forward: start <= key < stop; reversed: stop < key <= start; and the prefix, if any. */
function inRange(key: Buffer, options: ScanOptions): boolean {
  const { start, stop, prefix, reversed } = options;
  if (prefix && !key.subarray(0, prefix.length).equals(prefix)) return false;
  if (reversed) return (!start || Buffer.compare(key, start) <= 0) && (!stop || Buffer.compare(key, stop) > 0);
  return (!start || Buffer.compare(key, start) >= 0) && (!stop || Buffer.compare(key, stop) < 0);
}
