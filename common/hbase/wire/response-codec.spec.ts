import { expect } from 'chai';
import { bytesOf, legacyHBase, legacyLong, legacyRpc } from './legacy-proto-fixture';
import { ProtoReader } from './proto-reader';
import { decodeGetResponse, decodeMultiResponse, decodeRegionInfo, decodeResponseHeader, decodeScanResponse } from './response-codec';

const LONG_TEXT = '日本🚗'.repeat(1250);

function reader(bytes: Buffer): [ProtoReader, number] {
  return [new ProtoReader(bytes), bytes.length];
}

function cell(row: string, family: string, qualifier: string, value: Buffer, timestamp: bigint): Record<string, unknown> {
  return {
    row: Buffer.from(row),
    family: Buffer.from(family),
    qualifier: Buffer.from(qualifier),
    timestamp: legacyLong(timestamp),
    cellType: 4,
    value,
  };
}

describe('response codec (decodes what protobufjs 2 encodes from the bundled protos)', () => {
  it('reads a ResponseHeader with its exception', () => {
    const bytes = bytesOf(
      'ResponseHeader',
      {
        callId: 4242,
        exception: {
          exceptionClassName: 'org.apache.hadoop.hbase.NotServingRegionException',
          stackTrace: 'region x\n\tat y',
          doNotRetry: false,
        },
      },
      legacyRpc,
    );
    const header = decodeResponseHeader(...reader(bytes));
    expect(header).to.deep.equal({
      callId: 4242,
      exception: { className: 'org.apache.hadoop.hbase.NotServingRegionException', message: 'region x', doNotRetry: false },
    });
    expect(decodeResponseHeader(...reader(bytesOf('ResponseHeader', { callId: 1 }, legacyRpc)))).to.deep.equal({ callId: 1 });
  });

  it('reads a Get result: UTF-8 qualifiers (emoji, CJK, 5,000 chars), binary values, timestamps 0 and 2^53 - 1', () => {
    const value = Buffer.from([0, 1, 254, 255]);
    const bytes = bytesOf('GetResponse', {
      result: {
        cell: [
          cell('k', 'd', '🚗汽车', value, 0n),
          cell('k', 'd', LONG_TEXT, Buffer.from(LONG_TEXT), 2n ** 53n - 1n),
          cell('k', 'é', '', Buffer.alloc(0), 1_700_000_000_000n),
        ],
      },
    });
    const row = decodeGetResponse(...reader(bytes));
    expect(row?.key.toString()).to.equal('k');
    expect(row?.cells.map((c) => [c.family, c.qualifier, c.value.toString('hex'), c.timestamp])).to.deep.equal([
      ['d', '🚗汽车', '0001feff', 0],
      ['d', LONG_TEXT, Buffer.from(LONG_TEXT).toString('hex'), 2 ** 53 - 1],
      ['é', '', '', 1_700_000_000_000],
    ]);
    expect(decodeGetResponse(...reader(bytesOf('GetResponse', { result: { cell: [] } })))).to.equal(null);
    expect(decodeGetResponse(...reader(Buffer.alloc(0)))).to.equal(null);
  });

  it('reads a MultiResponse: results by index, per-action and per-region exceptions', () => {
    const bytes = bytesOf('MultiResponse', {
      regionActionResult: [
        {
          resultOrException: [
            { index: 7, result: { cell: [cell('r7', 'd', 'v', Buffer.from('seven'), 5n)] } },
            { index: 0, result: { cell: [] } },
            {
              index: 3,
              exception: {
                name: 'org.apache.hadoop.hbase.regionserver.NoSuchColumnFamilyException',
                value: Buffer.from('no family x\nstack'),
              },
            },
          ],
        },
        { exception: { name: 'org.apache.hadoop.hbase.exceptions.RegionMovedException', value: Buffer.from('moved') } },
      ],
    });
    const regions = decodeMultiResponse(...reader(bytes));
    expect(regions).to.have.length(2);
    const [first, second] = regions;
    expect(first?.exception).to.equal(undefined);
    expect(first?.actions.map((a) => [a.index, a.row?.cells[0]?.value.toString() ?? null, a.exception?.className ?? null])).to.deep.equal([
      [7, 'seven', null],
      [0, null, null],
      [3, null, 'org.apache.hadoop.hbase.regionserver.NoSuchColumnFamilyException'],
    ]);
    expect(first?.actions[2]?.exception?.message).to.equal('no family x');
    expect(second?.exception?.className).to.equal('org.apache.hadoop.hbase.exceptions.RegionMovedException');
  });

  it('reads a ScanResponse: scanner id above 2^53 exactly, more_results and more_results_in_region', () => {
    for (const [scannerId, moreResultsInRegion] of [
      [2n ** 53n + 1n, false],
      [2n ** 64n - 1n, true],
    ] as const) {
      const bytes = bytesOf('ScanResponse', {
        scannerId: legacyLong(scannerId),
        moreResults: true,
        moreResultsInRegion,
        results: [{ cell: [cell('a', 'd', 'q', Buffer.from('1'), 1n)] }, { cell: [cell('b', 'd', 'q', Buffer.from('2'), 2n)] }],
      });
      const response = decodeScanResponse(...reader(bytes));
      expect(response.scannerId).to.equal(scannerId);
      expect(response.moreResults).to.equal(true);
      expect(response.moreResultsInRegion).to.equal(moreResultsInRegion);
      expect(response.rows.map((r) => r.key.toString())).to.deep.equal(['a', 'b']);
    }
    const bare = decodeScanResponse(...reader(bytesOf('ScanResponse', {})));
    expect(bare.moreResults).to.equal(undefined);
    expect(bare.moreResultsInRegion).to.equal(undefined);
  });

  it('reads a meta RegionInfo after the PBUF magic', () => {
    const info = bytesOf(
      'RegionInfo',
      {
        regionId: legacyLong(1_700_000_000_000n),
        tableName: { namespace: Buffer.from('utopia'), qualifier: Buffer.from('t') },
        startKey: Buffer.from([0x40]),
        endKey: Buffer.alloc(0),
        split: true,
      },
      legacyHBase,
    );
    const decoded = decodeRegionInfo(Buffer.concat([Buffer.from('PBUF'), info]));
    expect(decoded && { ...decoded, startKey: decoded.startKey.toString('hex'), endKey: decoded.endKey.toString('hex') }).to.deep.equal({
      namespace: 'utopia',
      table: 't',
      startKey: '40',
      endKey: '',
      offline: false,
      split: true,
    });
    expect(decodeRegionInfo(info)).to.equal(null);
  });
});
