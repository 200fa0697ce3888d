import { expect } from 'chai';
import { dirtyBufferPool } from '../../test/helpers/dirty-pool';
import { bucketStart, countRowKey, countScanRange, decodeCountRowKey, type CountKey } from './count-key';

describe('count row keys', () => {
  const key: CountKey = {
    granularity: 'minute',
    scope: 'item',
    locationOid: 2n ** 62n + 7n,
    bucketStartMs: Date.UTC(2026, 10, 22, 13, 5),
    itemName: '自転車 🚲',
  };

  it('round-trips every field, including UTF-8 items and large oids', () => {
    expect(decodeCountRowKey(countRowKey(key))).to.deep.equal(key);
    const total: CountKey = { ...key, granularity: 'hour', scope: 'total', itemName: '', bucketStartMs: Date.UTC(2026, 10, 22, 13) };
    expect(decodeCountRowKey(countRowKey(total))).to.deep.equal(total);
  });

  it('writes every byte of the key, whatever the memory it is cut from held before', () => {
    const expected = Buffer.concat([
      Buffer.of(0x69),
      Buffer.from('4000000000000007', 'hex'),
      Buffer.alloc(4),
      Buffer.from('自転車 🚲', 'utf8'),
    ]);
    expected.writeUInt32BE(key.bucketStartMs / 60_000, 9);
    for (let round = 0; round < 50; round++) {
      dirtyBufferPool();
      expect(countRowKey(key).toString('hex')).to.equal(expected.toString('hex'));
      const total = countRowKey({ ...key, scope: 'total' });
      expect(total.toString('hex')).to.equal(Buffer.concat([Buffer.of(0x74), expected.subarray(1, 13)]).toString('hex'));
    }
  });

  it('keeps scopes and granularities apart', () => {
    const bytes = new Set(
      ['minute', 'hour', 'day'].flatMap((g) =>
        ['item', 'total'].map((s) => countRowKey({ ...key, granularity: g as 'minute', scope: s as 'item' })[0]),
      ),
    );
    expect(bytes.size).to.equal(6);
    expect(bytes.has(0x78), "the batch view's top-X scope byte 'x' stays free").to.equal(false);
  });

  it('round-trips day buckets (days since the epoch)', () => {
    const day: CountKey = { ...key, granularity: 'day', bucketStartMs: Date.UTC(2026, 10, 22) };
    expect(decodeCountRowKey(countRowKey(day))).to.deep.equal(day);
    expect(countRowKey(day).readUInt32BE(9)).to.equal(Date.UTC(2026, 10, 22) / 86_400_000);
    const { startRow, stopRow } = countScanRange('day', 'total', 5n, Date.UTC(2026, 10, 22, 3), Date.UTC(2026, 10, 23, 1));
    expect(decodeCountRowKey(startRow).bucketStartMs).to.equal(Date.UTC(2026, 10, 22));
    expect(decodeCountRowKey(stopRow).bucketStartMs).to.equal(Date.UTC(2026, 10, 24));
  });

  it('scans exactly the buckets of [from, to) of one location', () => {
    const from = Date.UTC(2026, 0, 1, 10, 0);
    const to = Date.UTC(2026, 0, 1, 10, 3, 30);
    const { startRow, stopRow } = countScanRange('minute', 'item', 5n, from, to);
    const inside = (ms: number, loc = 5n) => {
      const row = countRowKey({ ...key, locationOid: loc, bucketStartMs: bucketStart(ms, 'minute'), itemName: 'zz' });
      return Buffer.compare(row, startRow) >= 0 && Buffer.compare(row, stopRow) < 0;
    };
    expect(inside(from)).to.equal(true);
    expect(inside(from + 3 * 60_000)).to.equal(true); // the bucket holding to - 1
    expect(inside(from + 4 * 60_000)).to.equal(false);
    expect(inside(from - 1)).to.equal(false);
    expect(inside(from, 6n)).to.equal(false);
    expect(inside(from, 4n)).to.equal(false);
  });
});
