import { expect } from 'chai';
import { clockFirstOid, defaultSimulation, generateEvents, nominalTime } from './event-generator';

describe('simulator event generator', () => {
  it('spreads timestamps at the rate when no end is given', () => {
    const options = { ...defaultSimulation, rate: 200, startMs: 1_000_000 };
    expect(nominalTime(options, 0)).to.equal(1_000_000);
    expect(nominalTime(options, 200)).to.equal(1_001_000);
  });

  it('spreads timestamps evenly from startMs to endMs, whatever the rate', () => {
    const start = Date.UTC(2026, 0, 1);
    const end = start + 2 * 86_400_000;
    const options = { ...defaultSimulation, events: 1000, rate: 5000, startMs: start, endMs: end };
    expect(nominalTime(options, 0)).to.equal(start);
    expect(nominalTime(options, 500)).to.equal(start + 86_400_000);
    const valid = [...generateEvents({ ...options, late: 0 })].flatMap((e) => (e.event ? [e.event.timestampDetected] : []));
    expect(Math.min(...valid)).to.be.at.least(start - 2000);
    expect(Math.max(...valid)).to.be.below(end);
    expect(valid.filter((t) => t >= start + 86_400_000).length).to.be.within(400, 600);
  });

  it('keeps going without end for events = Infinity, with distinct original oids', () => {
    const seen = new Set<string>();
    let n = 0;
    for (const e of generateEvents({ ...defaultSimulation, events: Infinity, rate: 200, startMs: 0 })) {
      if (e.kind === 'original') {
        expect(seen.has(e.key)).to.equal(false);
        seen.add(e.key);
      }
      if (++n === 20_000) break;
    }
    expect(n).to.equal(20_000);
  });
});

describe('clockFirstOid', () => {
  it('gives later runs higher oids, above 2^53 and within int64', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(clockFirstOid(now + 1) - clockFirstOid(now)).to.equal(1_000_000n);
    expect(clockFirstOid(now) > 2n ** 53n).to.equal(true);
    expect(clockFirstOid(Date.UTC(2100, 0, 1)) < 2n ** 63n).to.equal(true);
  });
});
