import { expect } from 'chai';
import { HBaseError } from '../../errors';
import { bytesOf, legacyClient, legacyHBase, legacyLong } from '../wire/legacy-proto-fixture';
import { FakeRegionServer, type ReceivedCall } from './fake-region-server';
import { NativeClient } from './native-client';

interface DecodedMulti {
  regionAction: { action: { index: number; gxt: { row: { toBuffer(): Buffer } } }[] }[];
}

/** One fake server holding hbase:meta and the single region of table t. */
function metaAnswer(port: number): Buffer {
  const info = Buffer.concat([
    Buffer.from('PBUF'),
    bytesOf(
      'RegionInfo',
      {
        regionId: legacyLong(1n),
        tableName: { namespace: Buffer.from('default'), qualifier: Buffer.from('t') },
        startKey: Buffer.alloc(0),
        endKey: Buffer.alloc(0),
      },
      legacyHBase,
    ),
  ]);
  const cell = (qualifier: string, value: Buffer): Record<string, unknown> => ({
    row: Buffer.from('t,,1.abc.'),
    family: Buffer.from('info'),
    qualifier: Buffer.from(qualifier),
    timestamp: legacyLong(1n),
    value,
  });
  return bytesOf('ScanResponse', {
    results: [{ cell: [cell('regioninfo', info), cell('server', Buffer.from(`127.0.0.1:${port}`))] }],
    moreResults: false,
  });
}

function getResult(index: number, row: Buffer): Record<string, unknown> {
  return {
    index,
    result: {
      cell: [{ row, family: Buffer.from('d'), qualifier: Buffer.from('v'), timestamp: legacyLong(5n), value: Buffer.from(`v${index}`) }],
    },
  };
}

describe('NativeClient Multi (against a fake region server)', () => {
  let server: FakeRegionServer;
  let client: NativeClient;
  const multis: number[][] = [];
  /** The exception class an action fails with on this attempt, or undefined. */
  let failure: (index: number, attempt: number) => string | undefined;

  function handle(call: ReceivedCall, fake: FakeRegionServer): void {
    if (call.method === 'Scan') return fake.answer(call.callId, metaAnswer(fake.port));
    const request = legacyClient.MultiRequest?.decode(call.request) as unknown as DecodedMulti;
    const actions = request.regionAction.flatMap((r) => r.action);
    multis.push(actions.map((a) => a.index));
    const attempt = multis.length;
    const answers = actions.map((a) => {
      const name = failure(a.index, attempt);
      if (name === undefined) return getResult(a.index, a.gxt.row.toBuffer());
      return { index: a.index, exception: { name, value: Buffer.from('busy\nstack') } };
    });
    // Answers in reverse order: the client must place them by Action.index.
    fake.answer(call.callId, bytesOf('MultiResponse', { regionActionResult: [{ resultOrException: answers.reverse() }] }));
  }

  beforeEach(async () => {
    multis.length = 0;
    server = new FakeRegionServer(handle);
    const port = await server.listen();
    client = new NativeClient({ user: 'utopia', callTimeoutMs: 2_000, retryPauseMs: 1, metaServer: () => ({ host: '127.0.0.1', port }) });
  });

  afterEach(() => {
    client.close();
    server.close();
  });

  const rows = Array.from({ length: 8 }, (_, i) => Buffer.from(`row-${i}`));

  it('returns results in input order and retries only the failed actions', async () => {
    failure = (index, attempt) =>
      attempt === 1 && (index === 2 || index === 5) ? 'org.apache.hadoop.hbase.RegionTooBusyException' : undefined;
    const results = await client.mget('t', rows, {});
    expect(results.map((r) => r?.cells[0]?.value.toString())).to.deep.equal(rows.map((_, i) => `v${i}`));
    expect(results.map((r) => r?.key.toString())).to.deep.equal(rows.map((r) => r.toString()));
    expect(multis).to.deep.equal([
      [0, 1, 2, 3, 4, 5, 6, 7],
      [2, 5],
    ]);
  });

  it('does not retry a final failure and says it is not retriable', async () => {
    failure = (index) => (index === 3 ? 'org.apache.hadoop.hbase.regionserver.NoSuchColumnFamilyException' : undefined);
    const error = await client.mget('t', rows, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(HBaseError);
    expect((error as HBaseError).retriable).to.equal(false);
    expect((error as HBaseError).message).to.match(/1 of 8 actions failed.*NoSuchColumnFamilyException: busy/);
    expect(multis).to.have.length(1);
  });

  it('gives up retriably after its retries, having retried only what failed', async () => {
    client.close();
    client = new NativeClient({
      user: 'utopia',
      callTimeoutMs: 2_000,
      retryPauseMs: 1,
      maxRetries: 2,
      metaServer: () => ({ host: '127.0.0.1', port: server.port }),
    });
    failure = (index) => (index === 4 ? 'org.apache.hadoop.hbase.RegionTooBusyException' : undefined);
    const error = await client.mget('t', rows, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as HBaseError).retriable).to.equal(true);
    expect((error as HBaseError).message).to.match(/after 3 attempts/);
    expect(multis).to.deep.equal([[0, 1, 2, 3, 4, 5, 6, 7], [4], [4]]);
  });
});
