import { expect } from 'chai';
import { UsageError } from '../command';
import { parseNow } from './batch';

describe('utopia batch run --now', () => {
  it('takes an ISO-8601 instant with its zone', () => {
    expect(parseNow('2026-12-01T23:59:30Z')).to.equal(Date.UTC(2026, 11, 1, 23, 59, 30));
    expect(parseNow('2026-12-02T00:59:30+01:00')).to.equal(Date.UTC(2026, 11, 1, 23, 59, 30));
  });

  it("refuses a time without a zone (it would depend on the machine's) and garbage", () => {
    for (const bad of ['2026-12-01T23:59:30', 'yesterday', '', undefined]) expect(() => parseNow(bad)).to.throw(UsageError);
  });
});
