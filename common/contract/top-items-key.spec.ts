import { expect } from 'chai';
import { decodeTopItemsRowKey, topItemsPrefix, topItemsRowKey } from './top-items-key';

describe('top-items row keys', () => {
  it('round-trip and order ranks within a location and day', () => {
    const r1 = topItemsRowKey('2026-11-21', 9007199254740993n, 1);
    const r2 = topItemsRowKey('2026-11-21', 9007199254740993n, 2);
    expect(decodeTopItemsRowKey(r2)).to.deep.equal({ day: '2026-11-21', locationOid: 9007199254740993n, rank: 2 });
    expect(Buffer.compare(r1, r2)).to.equal(-1);
    expect(r1.subarray(0, 13).equals(topItemsPrefix('2026-11-21', 9007199254740993n))).to.equal(true);
    expect(r1.subarray(0, 5).equals(topItemsPrefix('2026-11-21'))).to.equal(true);
    expect(topItemsRowKey('2026-11-22', 1n, 1).subarray(0, 5).equals(topItemsPrefix('2026-11-21'))).to.equal(false);
    expect(() => topItemsRowKey('2026-13-01', 1n, 1)).to.throw(/invalid day/);
  });
});
