import { expect } from 'chai';
import { ValidationError } from '../errors';
import { fnv1aInt64 } from './fnv1a';
import { int64ToBytes } from './int64';
import { decodeDetectionRowKey, detectionRowKey, regionSplitPoints, saltOf } from './row-key';

/** Reference FNV-1a 32-bit over bytes, written the textbook way. */
function fnv1aBytes(bytes: Buffer): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Number((BigInt(hash ^ byte) * 0x01000193n) & 0xffffffffn);
  return hash;
}

describe('detection row key', () => {
  it('matches the published FNV-1a test vector layout', () => {
    // FNV-1a 32 of the empty input is the offset basis; of "a" it is 0xe40c292c.
    expect(fnv1aBytes(Buffer.from('a'))).to.equal(0xe40c292c);
    for (const oid of [1n, 255n, 9007199254740993n, 2n ** 63n - 1n, -1n]) {
      expect(fnv1aInt64(oid)).to.equal(fnv1aBytes(int64ToBytes(oid)));
    }
  });

  it('is 1 salt byte + 8 big-endian oid bytes', () => {
    const key = detectionRowKey(9007199254740993n);
    expect(key).to.have.length(9);
    expect(key.subarray(1).toString('hex')).to.equal('0020000000000001');
    expect(key[0]).to.equal(fnv1aBytes(int64ToBytes(9007199254740993n)) & 0xff);
    expect(key[0]).to.equal(saltOf(9007199254740993n));
  });

  it('is stable: pinned keys never change (they are stored in HBase)', () => {
    expect(fnv1aInt64(1n)).to.equal(0x9ae16fd2);
    expect(detectionRowKey(1n).toString('hex')).to.equal('d20000000000000001');
    expect(detectionRowKey(9007199254740993n).toString('hex')).to.equal('320020000000000001');
  });

  it('round-trips oids, including 2^53+1 and 2^63-1', () => {
    for (const oid of [1n, 2n, 255n, 256n, 9007199254740993n, 2n ** 63n - 1n]) {
      expect(decodeDetectionRowKey(detectionRowKey(oid))).to.equal(oid);
    }
  });

  it('refuses non-positive and out-of-range oids', () => {
    expect(() => detectionRowKey(0n)).to.throw(ValidationError);
    expect(() => detectionRowKey(-1n)).to.throw(ValidationError);
    expect(() => detectionRowKey(2n ** 63n)).to.throw(ValidationError);
  });

  it('refuses keys of the wrong length or with a wrong salt', () => {
    expect(() => decodeDetectionRowKey(Buffer.alloc(8))).to.throw(ValidationError, /9 bytes/);
    const key = detectionRowKey(42n);
    key[0] = (key[0] as number) ^ 1;
    expect(() => decodeDetectionRowKey(key)).to.throw(ValidationError, /not a detection row key/);
  });

  it('spreads sequential oids evenly over the 256 salts', () => {
    const counts = new Array<number>(256).fill(0);
    for (let oid = 1n; oid <= 25_600n; oid++) counts[saltOf(oid)]! += 1;
    expect(Math.min(...counts)).to.be.greaterThan(60);
    expect(Math.max(...counts)).to.be.lessThan(140);
  });

  describe('regionSplitPoints', () => {
    it('cuts 0..255 into equal parts', () => {
      expect(regionSplitPoints(1)).to.deep.equal([]);
      expect(regionSplitPoints(2).map((b) => b.toString('hex'))).to.deep.equal(['80']);
      expect(regionSplitPoints(8).map((b) => b[0])).to.deep.equal([0x20, 0x40, 0x60, 0x80, 0xa0, 0xc0, 0xe0]);
      expect(regionSplitPoints(3).map((b) => b[0])).to.deep.equal([85, 170]);
      const all = regionSplitPoints(256).map((b) => b[0]);
      expect(all).to.have.length(255);
      expect(all[0]).to.equal(1);
      expect(all[254]).to.equal(255);
    });

    it('gives strictly increasing single-byte points', () => {
      for (const regions of [5, 7, 100, 255]) {
        const points = regionSplitPoints(regions).map((b) => {
          expect(b).to.have.length(1);
          return b[0] as number;
        });
        expect(points).to.have.length(regions - 1);
        points.forEach((p, i) => i > 0 && expect(p).to.be.greaterThan(points[i - 1] as number));
      }
    });

    it('refuses 0, 257 and non-integers', () => {
      for (const bad of [0, 257, 1.5, -1, NaN]) expect(() => regionSplitPoints(bad), String(bad)).to.throw(ValidationError);
    });
  });
});
