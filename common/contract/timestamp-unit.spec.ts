import { expect } from 'chai';
import { ValidationError } from '../errors';
import { detectColumnUnit, detectTimestampUnit, toEpochMillis } from './timestamp-unit';

const MS = Date.UTC(2024, 4, 1, 12, 30, 15, 250);
const S = Math.floor(MS / 1000);

describe('timestamp units', () => {
  it('detects seconds below 1e11 and milliseconds from 1e11', () => {
    expect(detectTimestampUnit(S)).to.equal('seconds');
    expect(detectTimestampUnit(MS)).to.equal('milliseconds');
    expect(detectTimestampUnit(99_999_999_999)).to.equal('seconds');
    expect(detectTimestampUnit(100_000_000_000)).to.equal('milliseconds');
    expect(detectTimestampUnit(BigInt(MS))).to.equal('milliseconds');
    expect(detectTimestampUnit(-BigInt(S))).to.equal('seconds');
  });

  it('normalises seconds and milliseconds to milliseconds by magnitude', () => {
    expect(toEpochMillis(S)).to.equal(S * 1000);
    expect(toEpochMillis(MS)).to.equal(MS);
    expect(toEpochMillis(BigInt(S))).to.equal(S * 1000);
    expect(toEpochMillis(BigInt(MS))).to.equal(MS);
  });

  it('reads int32 seconds (as Spark and pandas write them), up to 2038', () => {
    expect(toEpochMillis(2_147_483_647)).to.equal(2_147_483_647_000);
    expect(toEpochMillis(new Int32Array([S])[0] as number)).to.equal(S * 1000);
  });

  it('follows an explicit unit over the magnitude', () => {
    expect(toEpochMillis(1000, 'milliseconds')).to.equal(1000);
    expect(toEpochMillis(1000, 'seconds')).to.equal(1_000_000);
    expect(toEpochMillis(BigInt(S), 'milliseconds')).to.equal(S);
  });

  it('rounds fractional seconds to the millisecond', () => {
    expect(toEpochMillis(1_700_000_000.123)).to.equal(1_700_000_000_123);
    expect(Object.is(toEpochMillis(-0.0001), 0)).to.equal(true);
  });

  it('refuses fractional milliseconds, non-finite and out-of-range values', () => {
    expect(() => toEpochMillis(MS + 0.5)).to.throw(ValidationError, /not a safe integer/);
    expect(() => toEpochMillis(NaN)).to.throw(ValidationError);
    expect(() => toEpochMillis(Infinity)).to.throw(ValidationError);
    expect(() => toEpochMillis(2n ** 62n)).to.throw(ValidationError, /beyond/);
    expect(() => toEpochMillis(2n ** 50n, 'seconds')).to.throw(ValidationError, /beyond/);
    expect(() => toEpochMillis(2 ** 53 + 2)).to.throw(ValidationError);
  });

  it('detects one unit per column and refuses mixed columns', () => {
    expect(detectColumnUnit([null, S, S + 1, undefined])).to.equal('seconds');
    expect(detectColumnUnit([BigInt(MS), MS + 1])).to.equal('milliseconds');
    expect(detectColumnUnit([null])).to.equal(undefined);
    expect(() => detectColumnUnit([S, MS])).to.throw(ValidationError, /mixes/);
  });
});
