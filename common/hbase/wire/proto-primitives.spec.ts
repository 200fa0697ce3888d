import { expect } from 'chai';
import { ProtoReader } from './proto-reader';
import { ProtoWriter, varint64Size, varintSize } from './proto-writer';

function written(write: (w: ProtoWriter) => void, size: number): Buffer {
  const w = new ProtoWriter(size);
  write(w);
  expect(w.pos).to.equal(size);
  return w.buffer;
}

describe('protobuf primitives', () => {
  it('writes varints at every byte-length boundary, as hand-worked bytes', () => {
    const cases: [number, string][] = [
      [0, '00'],
      [1, '01'],
      [127, '7f'],
      [128, '8001'],
      [300, 'ac02'],
      [16_383, 'ff7f'],
      [16_384, '808001'],
      [2 ** 28 - 1, 'ffffff7f'],
      [2 ** 28, '8080808001'],
      [2 ** 32, '8080808010'],
      [1_700_000_000_000, '80d095ffbc31'],
      [Number.MAX_SAFE_INTEGER, 'ffffffffffffff0f'],
    ];
    for (const [value, hex] of cases) {
      expect(varintSize(value), `size of ${value}`).to.equal(hex.length / 2);
      expect(written((w) => w.varint(value), hex.length / 2).toString('hex'), `bytes of ${value}`).to.equal(hex);
      expect(new ProtoReader(Buffer.from(hex, 'hex')).varint(), `read ${value}`).to.equal(value);
    }
  });

  it("writes and reads int64 varints exactly: zero, above 2^53, the largest uint64 and negative (two's complement, 10 bytes)", () => {
    const cases: [bigint, string, bigint][] = [
      [0n, '00', 0n],
      [2n ** 53n + 1n, '8180808080808010', 2n ** 53n + 1n],
      [2n ** 63n - 1n, 'ffffffffffffffff7f', 2n ** 63n - 1n],
      [2n ** 64n - 1n, 'ffffffffffffffffff01', 2n ** 64n - 1n],
      [-1n, 'ffffffffffffffffff01', 2n ** 64n - 1n],
      [-2n, 'feffffffffffffffff01', 2n ** 64n - 2n],
    ];
    for (const [value, hex, unsigned] of cases) {
      expect(varint64Size(value), `size of ${value}`).to.equal(hex.length / 2);
      expect(written((w) => w.varint64(value), hex.length / 2).toString('hex'), `bytes of ${value}`).to.equal(hex);
      expect(new ProtoReader(Buffer.from(hex, 'hex')).varint64(), `read ${value}`).to.equal(unsigned);
      expect(BigInt.asIntN(64, new ProtoReader(Buffer.from(hex, 'hex')).varint64())).to.equal(BigInt.asIntN(64, value));
    }
  });

  it('rejects truncated input instead of reading past the end', () => {
    expect(() => new ProtoReader(Buffer.from('80', 'hex')).varint()).to.throw(/truncated/);
    expect(() => new ProtoReader(Buffer.from('0a05616263', 'hex'), 1).bytes()).to.throw(/truncated/);
  });

  it('returns bytes fields as views, not copies', () => {
    const source = Buffer.from('0a03616263', 'hex');
    const r = new ProtoReader(source, 1);
    const view = r.bytes();
    source[2] = 0x7a;
    expect(view.toString()).to.equal('zbc');
  });
});
