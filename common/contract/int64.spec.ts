import { expect } from 'chai';
import { ValidationError } from '../errors';
import { formatInt64, int64FromBytes, int64ToBytes, INT64_MAX, INT64_MIN, parseInt64, tryParseInt64, writeInt64 } from './int64';

function ok(input: unknown): bigint {
  const parsed = tryParseInt64(input);
  if (!parsed.ok) throw new Error(`expected ${String(input)} to parse: ${parsed.message}`);
  return parsed.value;
}

function failure(input: unknown): string {
  const parsed = tryParseInt64(input);
  if (parsed.ok) throw new Error(`expected ${String(input)} to be refused, got ${parsed.value}`);
  return parsed.message;
}

describe('int64', () => {
  describe('tryParseInt64 from decimal strings', () => {
    it('keeps values above 2^53 exact', () => {
      expect(ok('9007199254740993')).to.equal(9007199254740993n);
      expect(ok('9223372036854775807')).to.equal(INT64_MAX);
      expect(ok('-9223372036854775808')).to.equal(INT64_MIN);
    });

    it('parses zero, small and negative values', () => {
      expect(ok('0')).to.equal(0n);
      expect(ok('7')).to.equal(7n);
      expect(ok('-42')).to.equal(-42n);
    });

    it('refuses values just outside the signed 64-bit range', () => {
      expect(failure('9223372036854775808')).to.match(/outside the signed 64-bit range/);
      expect(failure('-9223372036854775809')).to.match(/outside the signed 64-bit range/);
      expect(failure('99999999999999999999')).to.match(/outside/);
      expect(failure('123456789012345678901')).to.match(/too long/);
    });

    for (const bad of ['', '-', '+1', ' 1', '1 ', '1.0', '1.5', '1e3', '1E3', '0x10', '01', '-0', '-01', '1_000', 'abc', '١٢']) {
      it(`refuses ${JSON.stringify(bad)}`, () => {
        expect(tryParseInt64(bad).ok).to.equal(false);
      });
    }
  });

  describe('tryParseInt64 from numbers', () => {
    it('accepts safe integers', () => {
      expect(ok(Number.MAX_SAFE_INTEGER)).to.equal(9007199254740991n);
      expect(ok(-Number.MAX_SAFE_INTEGER)).to.equal(-9007199254740991n);
      expect(ok(0)).to.equal(0n);
      expect(ok(-0)).to.equal(0n);
    });

    it('refuses numbers beyond 2^53, which have already lost precision', () => {
      // 9007199254740993 is not representable: the literal below is 9007199254740992
      expect(failure(2 ** 53)).to.match(/decimal string/);
      // eslint-disable-next-line no-loss-of-precision -- a literal that lost precision is the input under test
      expect(failure(9223372036854775807)).to.match(/precision/);
    });

    it('refuses non-integers and non-finite numbers', () => {
      expect(failure(1.5)).to.match(/not an integer/);
      expect(failure(NaN)).to.match(/not an integer/);
      expect(failure(Infinity)).to.match(/not an integer/);
    });
  });

  describe('tryParseInt64 from other types', () => {
    it('accepts bigint in range, refuses beyond', () => {
      expect(ok(INT64_MAX)).to.equal(INT64_MAX);
      expect(failure(INT64_MAX + 1n)).to.match(/outside/);
      expect(failure(INT64_MIN - 1n)).to.match(/outside/);
    });

    it('refuses booleans, null, objects and arrays with the type in the message', () => {
      expect(failure(true)).to.match(/boolean/);
      expect(failure(null)).to.match(/null/);
      expect(failure({})).to.match(/an object/);
      expect(failure([1])).to.match(/an array/);
      expect(failure(undefined)).to.match(/undefined/);
    });
  });

  it('parseInt64 throws ValidationError invalid_int64 naming the value', () => {
    expect(parseInt64('12', 'x')).to.equal(12n);
    try {
      parseInt64('1e3', 'detection_oid');
      expect.fail('should throw');
    } catch (error) {
      expect(error).to.be.instanceOf(ValidationError);
      expect((error as ValidationError).reason).to.equal('invalid_int64');
      expect((error as ValidationError).message).to.match(/^detection_oid: /);
    }
  });

  it('formatInt64 round-trips and checks the range', () => {
    for (const value of [0n, 1n, -1n, 9007199254740993n, INT64_MAX, INT64_MIN]) {
      expect(ok(formatInt64(value))).to.equal(value);
    }
    expect(formatInt64(9007199254740993n)).to.equal('9007199254740993');
    expect(() => formatInt64(INT64_MAX + 1n)).to.throw(ValidationError);
  });

  describe('8-byte big-endian codec', () => {
    it('encodes in Java long layout', () => {
      expect(int64ToBytes(1n).toString('hex')).to.equal('0000000000000001');
      expect(int64ToBytes(9007199254740993n).toString('hex')).to.equal('0020000000000001');
      expect(int64ToBytes(INT64_MAX).toString('hex')).to.equal('7fffffffffffffff');
      expect(int64ToBytes(-1n).toString('hex')).to.equal('ffffffffffffffff');
      expect(int64ToBytes(INT64_MIN).toString('hex')).to.equal('8000000000000000');
    });

    it('decodes what it encodes, also at an offset', () => {
      for (const value of [0n, 42n, -42n, 9007199254740993n, INT64_MAX, INT64_MIN]) {
        expect(int64FromBytes(int64ToBytes(value))).to.equal(value);
        expect(int64FromBytes(Buffer.concat([Buffer.of(0xaa), int64ToBytes(value)]), 1)).to.equal(value);
      }
    });

    it('refuses short buffers and out-of-range values', () => {
      expect(() => int64FromBytes(Buffer.alloc(7))).to.throw(ValidationError, /8 bytes/);
      expect(() => int64FromBytes(Buffer.alloc(8), 1)).to.throw(ValidationError);
      expect(() => int64ToBytes(INT64_MAX + 1n)).to.throw(ValidationError);
      expect(() => writeInt64(Buffer.alloc(12), 1n, 5)).to.throw(ValidationError, /8 bytes at offset 5/);
      expect(() => writeInt64(Buffer.alloc(12), 1n, -1)).to.throw(ValidationError);
      expect(() => int64FromBytes(Buffer.alloc(12), 1.5)).to.throw(ValidationError);
    });

    it("writes and reads as Node's own BigInt codec does, at any offset, touching only its 8 bytes", () => {
      let seed = 0x9e3779b9n;
      const next = (): bigint => (seed = (seed * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn);
      const values = [0n, 1n, -1n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 32n, 2n ** 32n - 1n, INT64_MAX, INT64_MIN];
      for (let i = 0; i < 200; i++) values.push(BigInt.asIntN(64, next()));
      for (const value of values) {
        const at = Number(next() % 9n);
        const ours = Buffer.alloc(20, 0xcc);
        writeInt64(ours, value, at);
        const node = Buffer.alloc(20, 0xcc);
        node.writeBigInt64BE(value, at);
        expect(ours.toString('hex')).to.equal(node.toString('hex'));
        expect(int64FromBytes(ours, at)).to.equal(value);
        // A view into a larger buffer (as pooled Buffers are) reads its own bytes.
        expect(int64FromBytes(new Uint8Array(ours.buffer, ours.byteOffset + at, 8))).to.equal(value);
      }
    });
  });
});
