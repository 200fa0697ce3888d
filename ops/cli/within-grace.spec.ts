import { expect } from 'chai';
import { withinGrace } from './within-grace';

describe('stop grace', () => {
  it('says whether a stop settled in time, and never waits longer than the grace', async () => {
    expect(await withinGrace(Promise.resolve(), 50)).to.equal(true);
    expect(await withinGrace(Promise.reject(new Error('x')), 50)).to.equal(true);
    const started = Date.now();
    expect(await withinGrace(new Promise(() => undefined), 50)).to.equal(false);
    expect(Date.now() - started).to.be.lessThan(1000);
  });
});
