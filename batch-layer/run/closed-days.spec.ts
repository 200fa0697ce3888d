import { expect } from 'chai';
import { FakeClock } from '../../common/clock';
import { closedDays, isDayClosed } from './closed-days';

describe("closed days, by the run's clock", () => {
  const days = ['2026-11-29', '2026-11-30', '2026-12-01'];

  it('at 23:59:30 UTC the day that is about to end is still open, whatever the wall clock says', () => {
    const clock = new FakeClock(Date.parse('2026-12-01T23:59:30Z'));
    expect(closedDays(days, clock.now(), 0)).to.deep.equal(['2026-11-29', '2026-11-30']);
    clock.advance(60_000); // the run crosses midnight: only a new reading of the clock closes the day
    expect(closedDays(days, clock.now(), 0)).to.deep.equal(days);
  });

  it('applies the grace after the UTC end of the day', () => {
    expect(isDayClosed('2026-11-30', Date.parse('2026-12-01T00:59:59Z'), 60)).to.equal(false);
    expect(isDayClosed('2026-11-30', Date.parse('2026-12-01T01:00:00Z'), 60)).to.equal(true);
  });
});
