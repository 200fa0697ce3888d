import { expect } from 'chai';
import { ApiError } from '../errors';
import { parseDay, parseIntParam, parseOid, parseTime } from './parse-values';
import { readQuery } from './query-params';

function parameterOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(ApiError);
    return (error as ApiError).parameter;
  }
  return undefined;
}

describe('request parameters', () => {
  it('refuses unknown and repeated parameters, naming them', () => {
    expect(readQuery({ from: '2026-11-20' }, ['from', 'to'])).to.deep.equal({ from: '2026-11-20' });
    expect(parameterOf(() => readQuery({ form: 'x' }, ['from']))).to.equal('form');
    expect(parameterOf(() => readQuery({ from: ['a', 'b'] }, ['from']))).to.equal('from');
  });

  it('parses times as dates, ISO date-times with a zone or epoch ms, and nothing else', () => {
    expect(parseTime('from', '2026-11-20')).to.equal(Date.UTC(2026, 10, 20));
    expect(parseTime('from', '2026-11-20T10:30:00+01:00')).to.equal(Date.UTC(2026, 10, 20, 9, 30));
    expect(parseTime('from', '1763800000000')).to.equal(1763800000000);
    const rolledOver = [
      '2026-02-30T10:00Z',
      '2026-02-29T00:00:00Z',
      '2026-04-31T10:00:00+02:00',
      '2026-11-20T24:00Z',
      '2026-11-20T10:60Z',
      '2026-11-20T10:00:60Z',
      '2026-11-20T10:00+25:00',
    ];
    for (const bad of ['2026-02-30', '2026-11-20T10:30:00', 'now', '1e12', '1800-01-01', '', ...rolledOver])
      expect(
        parameterOf(() => parseTime('from', bad)),
        bad,
      ).to.equal('from');
    expect(parseDay('date', '2024-02-29')).to.equal('2024-02-29');
    expect(parameterOf(() => parseDay('date', '2023-02-29'))).to.equal('date');
  });

  it('parses oids above 2^53 exactly and refuses non-canonical or non-positive ones', () => {
    expect(parseOid('oid', '9223372036854775807')).to.equal(9223372036854775807n);
    for (const bad of ['0', '-1', '01', '1.0', '9223372036854775808', ' 1', 'abc'])
      expect(
        parameterOf(() => parseOid('oid', bad)),
        bad,
      ).to.equal('oid');
  });

  it('bounds page sizes', () => {
    expect(parseIntParam('limit', undefined, 50, 1, 500)).to.equal(50);
    expect(parseIntParam('limit', '500', 50, 1, 500)).to.equal(500);
    expect(parameterOf(() => parseIntParam('limit', '501', 50, 1, 500))).to.equal('limit');
  });
});
