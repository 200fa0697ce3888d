// Defects 5, 6, 7: closed sockets fail their pending calls (and the client retries on
// a new connection), timeouts are retriable errors, DoNotRetryIOException is final,
// increments carry nonces, and the effective user is never a placeholder.

import os from 'node:os';
import { expect } from 'chai';
import hbase from 'hbase-rpc-client';
import { HBaseError } from '../../common/errors';
import { cellValue, type HBaseStore } from '../../common/hbase';
import { cleanUp, createTestStore, randomTable, testAdmin } from '../helpers/hbase-fixture';

interface ClientInternals {
  servers: Record<string, { socket: { destroy(): void } }>;
}
interface NativeInternals {
  connections: Map<string, { socket: { destroy(): void } }>;
}

function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('HBase client failures', function () {
  const table = randomTable('fail');
  const row = Buffer.from('row-1');
  let store: HBaseStore;

  before(async () => {
    await (await testAdmin()).createTable(table, [{ name: 'd', versions: 1 }]);
    store = createTestStore({ callTimeoutMs: 20_000 });
    await store.put(table, { row, cells: [{ family: 'd', qualifier: 'v', value: Buffer.from('one'), timestamp: 1 }] });
  });

  after(() => cleanUp(store, [table]));

  it('fails the pending call when its socket closes, and retries it on a new connection', async function () {
    this.timeout(10_000); // far below the 20 s call timeout: the call must not wait for it
    const { client, native } = store as unknown as { client: ClientInternals; native?: NativeInternals };
    const pending = store.get(table, row);
    setImmediate(() => {
      Object.values(client.servers).forEach((server) => server.socket.destroy());
      native?.connections.forEach((connection) => connection.socket.destroy()); // HBASE_CLIENT=native
    });
    expect(cellValue(await pending, 'd', 'v')?.toString()).to.equal('one');
  });

  it('reports a call timeout as a retriable HBaseError', async () => {
    // A 4 MB cell cannot come back within 1 ms, so every attempt times out.
    const big = Buffer.from('big-1');
    await store.put(table, { row: big, cells: [{ family: 'd', qualifier: 'v', value: Buffer.alloc(4 << 20, 1), timestamp: 1 }] });
    const hasty = createTestStore({ callTimeoutMs: 1, maxActionRetries: 1 });
    try {
      const error = await failure(hasty.get(table, big));
      expect(error).to.be.instanceOf(HBaseError);
      expect((error as HBaseError).retriable).to.equal(true);
      expect((error as HBaseError).message).to.match(/CallTimeoutException|timed out/);
    } finally {
      hasty.close();
    }
  });

  it('does not retry a DoNotRetryIOException (unknown column family)', async () => {
    const started = Date.now();
    const error = await failure(
      store.put(table, { row, cells: [{ family: 'nope', qualifier: 'v', value: Buffer.from('x'), timestamp: 1 }] }),
    );
    expect(error).to.be.instanceOf(HBaseError);
    expect((error as HBaseError).retriable).to.equal(false);
    expect((error as HBaseError).message).to.contain('NoSuchColumnFamilyException');
    expect(Date.now() - started).to.be.lessThan(2_000);
  });

  it('counts an increment retried with the same nonce once', async () => {
    const counter = Buffer.from('counter-1');
    const nonce = BigInt(Date.now()) * 1000n + 7n;
    expect(await store.increment(table, counter, 'd', 'n', 5n, { nonce })).to.equal(5n);
    await store.increment(table, counter, 'd', 'n', 5n, { nonce });
    expect(await store.increment(table, counter, 'd', 'n', 1n)).to.equal(6n);
  });

  it('checkAndPut applies only when the expected value (or absence) holds', async () => {
    const key = Buffer.from('cap-1');
    const mutation = (value: string) => ({ row: key, cells: [{ family: 'd', qualifier: 'v', value: Buffer.from(value), timestamp: 2 }] });
    expect(await store.checkAndPut(table, { family: 'd', qualifier: 'v', value: null }, mutation('first'))).to.equal(true);
    expect(await store.checkAndPut(table, { family: 'd', qualifier: 'v', value: null }, mutation('second'))).to.equal(false);
    expect(await store.checkAndPut(table, { family: 'd', qualifier: 'v', value: Buffer.from('first') }, mutation('third'))).to.equal(true);
    expect(cellValue(await store.get(table, key), 'd', 'v')?.toString()).to.equal('third');
    await store.delete(table, key);
    expect(await store.get(table, key)).to.equal(null);
  });

  it('defaults the effective user to the OS user, not a placeholder', () => {
    const client = hbase({ zookeeperHosts: ['127.0.0.1:1'] }) as unknown as {
      effectiveUser: string;
      close(): void;
      on(e: string, f: () => void): void;
    };
    client.on('error', () => undefined);
    try {
      expect(client.effectiveUser).to.equal(os.userInfo().username);
    } finally {
      client.close();
    }
  });
});
