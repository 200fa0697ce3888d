import { expect } from 'chai';
import { defaultSimulation, generateEvents } from './event-generator';
import { computeTruth } from './truth';

describe('simulator truth', () => {
  const options = {
    ...defaultSimulation,
    events: 5000,
    seed: 42,
    startMs: Date.UTC(2026, 0, 1),
    duplicates: 0.1,
    invalid: 0.01,
    locations: 20,
  };

  it('is deterministic for a seed', () => {
    expect([...generateEvents(options)].map((e) => e.value)).to.deep.equal([...generateEvents(options)].map((e) => e.value));
  });

  it('counts each oid once, first occurrence wins, and lists the invalid events', () => {
    const events = [...generateEvents(options)];
    const truth = computeTruth(events);
    const valid = events.filter((e) => e.kind !== 'invalid');
    expect(truth.distinct).to.equal(new Set(valid.map((e) => e.key)).size);
    expect(truth.duplicates).to.equal(valid.length - truth.distinct);
    expect(truth.invalid).to.have.length(events.filter((e) => e.kind === 'invalid').length);
    const allTotal = Object.entries(truth.counts)
      .filter(([k]) => k.startsWith('0|') && k.endsWith('|'))
      .reduce((s, [, v]) => s + v, 0);
    expect(allTotal).to.equal(truth.distinct);
    for (const top of Object.values(truth.topItems)) {
      for (let i = 1; i < top.length; i++)
        expect((top[i - 1] as { count: number }).count).to.be.at.least((top[i] as { count: number }).count);
    }
  });
});
