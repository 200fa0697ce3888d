// The native client (HBASE_CLIENT=native) against the real HBase: exact round trips
// of UTF-8 and 64-bit values (checked across both clients), scans that stream short
// batches across regions and resume after a dropped connection, writes that go on
// through a region split, and a connection the server side closes mid-call.

import net from 'node:net';
import { expect } from 'chai';
import { HBaseError } from '../../common/errors';
import { cellValue, type HBaseStore, type RowMutation } from '../../common/hbase';
import { NativeClient } from '../../common/hbase/native/native-client';
import { byteSplits, cleanUp, createTestStore, randomTable, spreadKey, testAdmin } from '../helpers/hbase-fixture';

const LONG_TEXT = 'é日🚗'.repeat(1250); // 5,000 characters

interface StoreInternals {
  client: { rootServer?: { hostName: string; port: number } };
  native?: { connections: Map<string, { socket: net.Socket }> };
}

function internals(store: HBaseStore): StoreInternals {
  return store as unknown as StoreInternals;
}

describe('HBase native client', function () {
  const table = randomTable('native');
  let store: HBaseStore;
  let legacy: HBaseStore;

  before(async () => {
    await (
      await testAdmin()
    ).createTable(
      table,
      [
        { name: 'd', versions: 1 },
        { name: 'e', versions: 1 },
      ],
      byteSplits(8),
    );
    store = createTestStore({ client: 'native' });
    legacy = createTestStore({ client: 'legacy' });
    expect(store.clientKind).to.equal('native');
    expect(legacy.clientKind).to.equal('legacy');
  });

  after(async () => {
    legacy?.close();
    await cleanUp(store, [table]);
  });

  it('round-trips UTF-8 qualifiers and values (emoji, CJK, 5,000 chars) and timestamps 0 and near 2^53, readable by both clients', async () => {
    const int64s = [0n, -1n, 2n ** 53n + 1n, -(2n ** 63n), 2n ** 63n - 1n];
    const valueOf = (n: bigint): Buffer => {
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(n);
      return b;
    };
    const row = Buffer.from('utf8-🚗-行');
    await store.put(table, {
      row,
      cells: [
        { family: 'd', qualifier: '🚗汽车', value: Buffer.from('値🚗'), timestamp: 0 },
        { family: 'd', qualifier: LONG_TEXT, value: Buffer.from(LONG_TEXT), timestamp: 2 ** 52 + 1 },
        ...int64s.map((n, i) => ({ family: 'e', qualifier: `n${i}`, value: valueOf(n), timestamp: 1_700_000_000_000 + i })),
      ],
    });
    for (const reader of [store, legacy]) {
      const got = await reader.get(table, row);
      expect(got?.key.equals(row)).to.equal(true);
      expect(cellValue(got, 'd', '🚗汽车')?.toString()).to.equal('値🚗');
      expect(cellValue(got, 'd', LONG_TEXT)?.toString()).to.equal(LONG_TEXT);
      expect(got?.cells.find((c) => c.qualifier === '🚗汽车')?.timestamp).to.equal(0);
      expect(got?.cells.find((c) => c.qualifier === LONG_TEXT)?.timestamp).to.equal(2 ** 52 + 1);
      expect(int64s.map((_, i) => cellValue(got, 'e', `n${i}`)?.readBigInt64BE(0))).to.deep.equal(int64s);
    }
    // Written by the legacy client, read by the native one (get, mget and scan agree).
    const other = Buffer.from('utf8-legacy-✓');
    await legacy.put(table, { row: other, cells: [{ family: 'd', qualifier: '中文', value: Buffer.from(LONG_TEXT), timestamp: 42 }] });
    const [viaMget] = await store.mget(table, [other]);
    expect(cellValue(viaMget, 'd', '中文')?.toString()).to.equal(LONG_TEXT);
    const scanned = await store.scanAll(table, { prefix: Buffer.from('utf8-'), families: ['d'] });
    expect(scanned.map((r) => r.key.toString())).to.deep.equal(['utf8-legacy-✓', 'utf8-🚗-行']);
    expect(scanned[1]?.cells.every((c) => c.family === 'd')).to.equal(true);
  });

  it('returns only the asked qualifiers (UTF-8 ones too) to a get, a multi-get and a scan, with both clients', async () => {
    const row = Buffer.from('columns-行');
    const qualifiers = ['p0', 'p1', '🚗', 'p11'];
    await store.put(table, {
      row,
      cells: [
        ...qualifiers.map((qualifier, i) => ({ family: 'd', qualifier, value: Buffer.from(`d${i}`), timestamp: 5 })),
        { family: 'e', qualifier: 'p1', value: Buffer.from('e1'), timestamp: 5 },
      ],
    });
    const asked = { families: ['d', 'e'], qualifiers: ['p1', '🚗', 'absent'] };
    const cellsOf = (got: { cells: readonly { family: string; qualifier: string; value: Buffer }[] } | null | undefined): string[] =>
      (got?.cells ?? []).map((c) => `${c.family}:${c.qualifier}=${c.value.toString()}`);
    const expected = ['d:p1=d1', 'd:🚗=d2', 'e:p1=e1'];
    for (const reader of [store, legacy]) {
      expect(cellsOf(await reader.get(table, row, asked)), reader.clientKind).to.have.members(expected);
      const [viaMget, none] = await reader.mget(table, [row, Buffer.from('columns-none')], asked);
      expect(cellsOf(viaMget), reader.clientKind).to.have.members(expected);
      expect(none, reader.clientKind).to.equal(null);
      const scanned = await reader.scanAll(table, { prefix: Buffer.from('columns-'), ...asked });
      expect(scanned.map(cellsOf), reader.clientKind).to.deep.equal([expected]);
    }
  });

  it('streams a scan of short batches (size limit) across 8 regions, and resumes after its connection drops mid-way', async () => {
    const mutations: RowMutation[] = Array.from({ length: 3000 }, (_, i) => ({
      row: spreadKey(i),
      cells: [{ family: 'd', qualifier: 'v', value: Buffer.from(`s${i}`), timestamp: 7 }],
    }));
    await store.puts(table, mutations);
    const expected = mutations.map((m) => m.row.toString('hex')).sort();
    const short = await store.scanAll(table, {
      families: ['d'],
      maxResultSize: 1,
      caching: 50,
      start: Buffer.from([0]),
      stop: Buffer.from([0xff, 0xff]),
    });
    const ours = (key: Buffer): boolean => !/^(utf8|columns)-/.test(key.toString()); // the earlier tests' rows share the table
    expect(short.filter((r) => ours(r.key)).map((r) => r.key.toString('hex'))).to.deep.equal(expected);

    const seen: string[] = [];
    let dropped = 0;
    for await (const row of store.scan(table, { families: ['d'], caching: 100, stop: Buffer.from([0xff, 0xff]) })) {
      if (ours(row.key)) seen.push(row.key.toString('hex'));
      if (seen.length % 700 === 0) {
        for (const connection of internals(store).native?.connections.values() ?? []) connection.socket.destroy();
        dropped++;
      }
    }
    expect(dropped).to.be.greaterThan(3);
    expect(seen).to.deep.equal(expected); // every row once, in order
  });

  it('keeps writing through a split of the table during the writes, and reads back in input order', async () => {
    const splitTable = randomTable('native-split');
    const admin = await testAdmin();
    await admin.createTable(splitTable, [{ name: 'd', versions: 1 }]);
    try {
      const batches = Array.from({ length: 30 }, (_, b) =>
        Array.from({ length: 500 }, (_, i) => ({
          row: spreadKey(b * 500 + i),
          cells: [{ family: 'd', qualifier: 'v', value: Buffer.from(`w${b * 500 + i}`), timestamp: 9 }],
        })),
      );
      let splitDone = false;
      const split = admin.split(splitTable, Buffer.from([0x80])).then(() => (splitDone = true));
      for (const batch of batches) await store.puts(splitTable, batch);
      await split;
      expect(splitDone).to.equal(true);
      expect(await admin.regions(splitTable)).to.have.length(2);
      await store.puts(splitTable, [
        { row: Buffer.from([0x81]), cells: [{ family: 'd', qualifier: 'v', value: Buffer.from('after'), timestamp: 9 }] },
      ]);
      const asked = Array.from({ length: 15_000 }, (_, i) => 14_999 - i);
      const rows = await store.mget(splitTable, asked.map(spreadKey));
      expect(rows.every((row, p) => cellValue(row, 'd', 'v')?.toString() === `w${asked[p]}`)).to.equal(true);
      expect(await store.scanAll(splitTable, { caching: 2000 })).to.have.length(15_001);
    } finally {
      await admin.deleteTables([splitTable]);
    }
  });

  it('fails a pending call with a retriable HBaseError when the server side closes the connection', async () => {
    await store.ready();
    const meta = internals(store).client.rootServer;
    expect(meta).to.not.equal(undefined);
    // A proxy in front of the region server holding hbase:meta that forwards the call, then closes
    // the client's socket instead of passing the answer on.
    const sockets: net.Socket[] = [];
    const proxy = net.createServer((client) => {
      const upstream = net.connect(meta!.port, meta!.hostName);
      sockets.push(client, upstream);
      client.on('data', (chunk) => upstream.write(chunk));
      upstream.on('data', () => client.destroy());
      client.on('error', () => undefined);
      upstream.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const native = new NativeClient({
      user: 'utopia',
      callTimeoutMs: 30_000,
      maxRetries: 0,
      metaServer: () => ({ host: '127.0.0.1', port: (proxy.address() as net.AddressInfo).port }),
    });
    try {
      const started = Date.now();
      const error = await native.get('hbase:meta', Buffer.from('hbase:namespace'), {}).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(HBaseError);
      expect((error as HBaseError).retriable).to.equal(true);
      expect((error as HBaseError).message).to.match(/closed/);
      expect(Date.now() - started).to.be.lessThan(10_000); // not the 30 s call timeout
    } finally {
      native.close();
      sockets.forEach((s) => s.destroy());
      proxy.close();
    }
  });
});
