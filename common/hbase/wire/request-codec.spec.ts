import { expect } from 'chai';
import { bytesOf, GET_DEFAULTS_OFF, legacyLong, legacyRpc, SCAN_DEFAULTS_OFF } from './legacy-proto-fixture';
import {
  encodeConnectionHeader,
  encodeConnectionPreamble,
  encodeGetCall,
  encodeMultiCall,
  encodeScanCall,
  type RegionActions,
} from './request-codec';
import type { RowMutation } from '../hbase-types';

const LONG_TEXT = 'é日🚗'.repeat(1250); // 5,000 characters, 1-, 3- and 4-byte UTF-8
const REGION = Buffer.from('utopia:t,\x80,1700000000000.0123456789abcdef0123456789abcdef.');

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

/** The call frame as the legacy client builds it: int32 length, delimited RequestHeader, delimited request. */
function legacyFrame(callId: number, method: string, body: Buffer): Buffer {
  const header = bytesOf('RequestHeader', { callId, methodName: method, requestParam: true }, legacyRpc);
  const rest = Buffer.concat([varint(header.length), header, varint(body.length), body]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(rest.length);
  return Buffer.concat([length, rest]);
}

function region(value: Buffer): Record<string, unknown> {
  return { type: 1, value };
}

function legacyPut(mutation: RowMutation): Record<string, unknown> {
  const families: { family: Buffer; qualifierValue: Record<string, unknown>[] }[] = [];
  for (const cell of mutation.cells) {
    let last = families[families.length - 1];
    if (!last || last.family.toString() !== cell.family) families.push((last = { family: Buffer.from(cell.family), qualifierValue: [] }));
    last.qualifierValue.push({ qualifier: Buffer.from(cell.qualifier), value: cell.value, timestamp: legacyLong(BigInt(cell.timestamp)) });
  }
  return { row: mutation.row, mutateType: 2, columnValue: families, durability: null };
}

describe('request codec (byte-exact against protobufjs 2 and the bundled protos)', () => {
  it('encodes the connection header with effective and real user, and the preamble', () => {
    const expected = bytesOf(
      'ConnectionHeader',
      { userInfo: { effectiveUser: 'utopia', realUser: 'utopia' }, serviceName: 'ClientService' },
      legacyRpc,
    );
    expect(encodeConnectionHeader('utopia', 'utopia').equals(expected)).to.equal(true);
    const preamble = encodeConnectionPreamble('utopia', 'utopia');
    expect(preamble.subarray(0, 6).equals(Buffer.from([0x48, 0x42, 0x61, 0x73, 0, 0x50]))).to.equal(true);
    expect(preamble.readUInt32BE(6)).to.equal(expected.length);
    expect(preamble.subarray(10).equals(expected)).to.equal(true);
  });

  it('encodes a Multi of puts: UTF-8 families, qualifiers and values (emoji, CJK, 5,000 chars), timestamps 0 and near 2^53', () => {
    const puts: RowMutation[] = [
      {
        row: Buffer.from([0x80, 0, 1]),
        cells: [
          { family: 'd', qualifier: 'q🚗', value: Buffer.from('値'), timestamp: 0 },
          { family: 'd', qualifier: '汽车', value: Buffer.from(LONG_TEXT), timestamp: 1_700_000_000_123 },
          { family: 'c', qualifier: LONG_TEXT, value: Buffer.alloc(0), timestamp: Number.MAX_SAFE_INTEGER },
          { family: 'd', qualifier: 'x', value: Buffer.from([0, 255]), timestamp: 127 },
        ],
      },
      { row: Buffer.from('row-2'), cells: [{ family: 'd', qualifier: 'v', value: Buffer.from('x'), timestamp: 128 }] },
    ];
    const regions: RegionActions[] = [
      { regionName: REGION, actions: [{ index: 0, put: puts[0] }] },
      { regionName: Buffer.from('other,,1.abc.'), actions: [{ index: 300, put: puts[1] }] },
    ];
    const body = bytesOf('MultiRequest', {
      regionAction: [
        { region: region(REGION), action: [{ index: 0, mutation: legacyPut(puts[0] as RowMutation) }] },
        { region: region(Buffer.from('other,,1.abc.')), action: [{ index: 300, mutation: legacyPut(puts[1] as RowMutation) }] },
      ],
    });
    expect(encodeMultiCall(77, regions).equals(legacyFrame(77, 'Multi', body))).to.equal(true);
  });

  it('encodes a Multi of gets with families and a time range', () => {
    const options = { families: ['d', 'ç'], timeRange: { from: 0, to: 2 ** 41 + 5 } };
    const regions: RegionActions[] = [
      { regionName: REGION, actions: [0, 1, 2].map((i) => ({ index: i * 1000, get: { row: Buffer.from(`r${i}`), options } })) },
    ];
    const body = bytesOf('MultiRequest', {
      regionAction: [
        {
          region: region(REGION),
          action: [0, 1, 2].map((i) => ({
            index: i * 1000,
            gxt: {
              row: Buffer.from(`r${i}`),
              column: [{ family: Buffer.from('d') }, { family: Buffer.from('ç') }],
              timeRange: { from: legacyLong(0n), to: legacyLong(2n ** 41n + 5n) },
              ...GET_DEFAULTS_OFF,
            },
          })),
        },
      ],
    });
    expect(encodeMultiCall(1, regions).equals(legacyFrame(1, 'Multi', body))).to.equal(true);
  });

  it('encodes Gets that ask for qualifiers of each family (UTF-8 ones too), and a Scan that does', () => {
    const options = { families: ['c', 'ç'], qualifiers: ['p3', 'é日🚗'] };
    const column = ['c', 'ç'].map((family) => ({ family: Buffer.from(family), qualifier: [Buffer.from('p3'), Buffer.from('é日🚗')] }));
    const regions: RegionActions[] = [{ regionName: REGION, actions: [{ index: 0, get: { row: Buffer.from('r'), options } }] }];
    const body = bytesOf('MultiRequest', {
      regionAction: [{ region: region(REGION), action: [{ index: 0, gxt: { row: Buffer.from('r'), column, ...GET_DEFAULTS_OFF } }] }],
    });
    expect(encodeMultiCall(5, regions).equals(legacyFrame(5, 'Multi', body))).to.equal(true);
    const get = bytesOf('GetRequest', { region: region(REGION), gxt: { row: Buffer.from('k'), column, ...GET_DEFAULTS_OFF } });
    expect(encodeGetCall(6, REGION, { row: Buffer.from('k'), options }).equals(legacyFrame(6, 'Get', get))).to.equal(true);
    const scan = bytesOf('ScanRequest', { region: region(REGION), scan: { column, ...SCAN_DEFAULTS_OFF }, numberOfRows: 10 });
    expect(encodeScanCall(7, { kind: 'open', regionName: REGION, scan: options, rows: 10 }).equals(legacyFrame(7, 'Scan', scan))).to.equal(
      true,
    );
  });

  it('encodes a Get request', () => {
    const body = bytesOf('GetRequest', { region: region(REGION), gxt: { row: Buffer.from('k'), ...GET_DEFAULTS_OFF } });
    expect(encodeGetCall(300, REGION, { row: Buffer.from('k'), options: {} }).equals(legacyFrame(300, 'Get', body))).to.equal(true);
  });

  it('encodes Scan open, next (scanner ids above 2^53 and the largest uint64) and close requests', () => {
    const scan = {
      start: Buffer.from('a'),
      stop: Buffer.from('b\xff'),
      families: ['d'],
      timeRange: { from: 5, to: 1_700_000_000_000 },
      maxResultSize: 2 * 1024 * 1024,
      reversed: true,
    };
    const openBody = bytesOf('ScanRequest', {
      region: region(REGION),
      scan: {
        column: [{ family: Buffer.from('d') }],
        startRow: scan.start,
        stopRow: scan.stop,
        timeRange: { from: legacyLong(5n), to: legacyLong(1_700_000_000_000n) },
        ...SCAN_DEFAULTS_OFF,
        maxResultSize: legacyLong(2n * 1024n * 1024n),
        reversed: true,
      },
      numberOfRows: 1000,
      closeScanner: true,
    });
    expect(
      encodeScanCall(5, { kind: 'open', regionName: REGION, scan, rows: 1000, close: true }).equals(legacyFrame(5, 'Scan', openBody)),
    ).to.equal(true);
    for (const scannerId of [0n, 2n ** 53n + 1n, 2n ** 64n - 1n]) {
      const next = bytesOf('ScanRequest', { scannerId: legacyLong(scannerId), numberOfRows: 100, nextCallSeq: legacyLong(3n) });
      expect(
        encodeScanCall(9, { kind: 'next', scannerId, rows: 100, callSeq: 3 }).equals(legacyFrame(9, 'Scan', next)),
        `next ${scannerId}`,
      ).to.equal(true);
      const close = bytesOf('ScanRequest', { scannerId: legacyLong(scannerId), numberOfRows: 0, closeScanner: true });
      expect(encodeScanCall(10, { kind: 'close', scannerId }).equals(legacyFrame(10, 'Scan', close)), `close ${scannerId}`).to.equal(true);
    }
  });

  it('encodes a Scan with FirstKeyOnlyFilter as the legacy client encodes Filter { name }', () => {
    const scan = {
      start: Buffer.from([0x20]),
      stop: Buffer.from([0x40]),
      families: ['d'],
      timeRange: { from: 0, to: 86_400_000 },
      firstKeyOnly: true,
    };
    const openBody = bytesOf('ScanRequest', {
      region: region(REGION),
      scan: {
        column: [{ family: Buffer.from('d') }],
        startRow: scan.start,
        stopRow: scan.stop,
        filter: { name: 'org.apache.hadoop.hbase.filter.FirstKeyOnlyFilter' },
        timeRange: { from: legacyLong(0n), to: legacyLong(86_400_000n) },
        ...SCAN_DEFAULTS_OFF,
      },
      numberOfRows: 5000,
    });
    expect(encodeScanCall(6, { kind: 'open', regionName: REGION, scan, rows: 5000 }).equals(legacyFrame(6, 'Scan', openBody))).to.equal(
      true,
    );
  });
});
