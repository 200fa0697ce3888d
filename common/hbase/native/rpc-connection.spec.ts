import { expect } from 'chai';
import type net from 'node:net';
import { HBaseError } from '../../errors';
import { bytesOf, legacyLong } from '../wire/legacy-proto-fixture';
import { encodeGetCall } from '../wire/request-codec';
import { decodeGetResponse } from '../wire/response-codec';
import { FakeRegionServer } from './fake-region-server';
import { RpcConnection } from './rpc-connection';
import { HBaseServerError } from './server-error';

const REGION = Buffer.from('t,,1.x.');

describe('RpcConnection (against a fake region server on a real socket)', () => {
  let server: FakeRegionServer;
  let connection: RpcConnection;

  beforeEach(async () => {
    server = new FakeRegionServer();
    const port = await server.listen();
    connection = new RpcConnection({ host: '127.0.0.1', port, user: 'utopia', callTimeoutMs: 2_000 });
  });

  afterEach(() => {
    connection.close();
    server.close();
  });

  function get(row: string): Promise<unknown> {
    return connection.call('get', 't', (id) => encodeGetCall(id, REGION, { row: Buffer.from(row), options: {} }), decodeGetResponse);
  }

  it('sends the preamble, keeps several calls in flight and matches answers by call id, in any order', async () => {
    const first = get('a');
    const second = get('b');
    await server.callCount(2);
    expect(server.preamble?.subarray(0, 6).toString('latin1')).to.equal('HBas\x00\x50');
    expect(connection.inFlight).to.equal(2);
    const cell = (row: string): Record<string, unknown> => ({
      row: Buffer.from(row),
      family: Buffer.from('d'),
      qualifier: Buffer.from('q'),
      timestamp: legacyLong(1n),
      value: Buffer.from(`v-${row}`),
    });
    server.answer((server.calls[1] as { callId: number }).callId, bytesOf('GetResponse', { result: { cell: [cell('b')] } }));
    server.answer((server.calls[0] as { callId: number }).callId, bytesOf('GetResponse', { result: { cell: [cell('a')] } }));
    const [a, b] = (await Promise.all([first, second])) as { cells: { value: Buffer }[] }[];
    expect(a?.cells[0]?.value.toString()).to.equal('v-a');
    expect(b?.cells[0]?.value.toString()).to.equal('v-b');
  });

  it('turns a server exception into an HBaseServerError with its class name and retry verdict', async () => {
    const call = get('a');
    await server.callCount(1);
    server.answer((server.calls[0] as { callId: number }).callId, Buffer.alloc(0), {
      exceptionClassName: 'org.apache.hadoop.hbase.NotServingRegionException',
      stackTrace: 'not serving\n at',
      doNotRetry: false,
    });
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(HBaseServerError);
    expect((error as HBaseServerError).retriable).to.equal(true);
    expect((error as HBaseServerError).exceptionClassName).to.equal('org.apache.hadoop.hbase.NotServingRegionException');
  });

  it('fails every pending call with a retriable HBaseError when the server closes the socket', async () => {
    const calls = [get('a'), get('b'), get('c')].map((p) =>
      p.then(
        () => 'resolved',
        (e: unknown) => e,
      ),
    );
    await server.callCount(3);
    server.socket?.destroy();
    for (const outcome of await Promise.all(calls)) {
      expect(outcome).to.be.instanceOf(HBaseError);
      expect((outcome as HBaseError).retriable).to.equal(true);
      expect((outcome as HBaseError).message).to.match(/closed/);
    }
    expect(connection.usable).to.equal(false);
    expect(
      await get('d').then(
        () => 'resolved',
        (e: unknown) => (e as HBaseError).retriable,
      ),
    ).to.equal(true);
  });

  it('times a call out retriably and ignores its late answer', async () => {
    connection.close();
    connection = new RpcConnection({
      host: '127.0.0.1',
      port: (server.server.address() as net.AddressInfo).port,
      user: 'utopia',
      callTimeoutMs: 100,
    });
    const call = get('a').then(
      () => 'resolved',
      (e: unknown) => e,
    );
    await server.callCount(1);
    const error = await call;
    expect(error).to.be.instanceOf(HBaseError);
    expect((error as HBaseError).retriable).to.equal(true);
    expect((error as HBaseError).message).to.match(/timed out/);
    server.answer((server.calls[0] as { callId: number }).callId, bytesOf('GetResponse', {}));
    expect(connection.usable).to.equal(true);
  });
});
