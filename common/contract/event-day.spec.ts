import { expect } from 'chai';
import { ValidationError } from '../errors';
import { dayRange, eventDay, isEventDay } from './event-day';

describe('event day', () => {
  it('is the UTC calendar day', () => {
    expect(eventDay(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).to.equal('2024-02-29');
    expect(eventDay(Date.UTC(2024, 2, 1))).to.equal('2024-03-01');
  });

  it('gives a day its [start, end) range', () => {
    expect(dayRange('2024-02-29')).to.deep.equal({ startMs: Date.UTC(2024, 1, 29), endMs: Date.UTC(2024, 2, 1) });
  });

  it('refuses dates that do not exist or are not YYYY-MM-DD', () => {
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-01', '2024-01-01T00:00', '../x', '']) {
      expect(() => dayRange(bad), bad).to.throw(ValidationError);
      expect(isEventDay(bad)).to.equal(false);
    }
    expect(isEventDay('2024-02-29')).to.equal(true);
  });

  it('names the right day whatever the order of the times asked (the last day is remembered)', () => {
    const times = [
      0,
      -1,
      86_399_999,
      86_400_000,
      -86_400_000,
      -86_400_001,
      -0.5,
      -1000,
      1.5,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(2024, 2, 1),
    ];
    for (const t of [...times, ...times.reverse()]) expect(eventDay(t), String(t)).to.equal(new Date(t).toISOString().slice(0, 10));
  });
});
