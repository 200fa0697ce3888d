import { expect } from 'chai';
import { demoWindow } from './demo-plan';

describe('demo window', () => {
  it('runs from yesterday 00:00 UTC to now and closes yesterday', () => {
    const now = Date.UTC(2026, 2, 1, 0, 20); // just after midnight: yesterday is 28 February
    expect(demoWindow(now)).to.deep.equal({ startMs: Date.UTC(2026, 1, 28), endMs: now, closedDay: '2026-02-28', openDay: '2026-03-01' });
  });
});
