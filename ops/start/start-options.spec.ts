import { expect } from 'chai';
import { parseStartOptions } from './start-options';

describe('start options', () => {
  const defaults = { localStack: true, rate: 200 };

  it('defaults to the live pipeline on the local stack', () => {
    expect(parseStartOptions([], defaults)).to.deep.equal({ demo: false, localStack: true, rate: 200, demoEvents: 150_000 });
  });

  it('reads the demo, the rate and both spellings of existing clusters', () => {
    expect(parseStartOptions(['--demo', '--rate', '50', '--demo-events=20000', '--existing-clusters'], defaults)).to.deep.equal({
      demo: true,
      localStack: false,
      rate: 50,
      demoEvents: 20_000,
    });
    expect(parseStartOptions(['--no-local-stack'], defaults).localStack).to.equal(false);
    expect(parseStartOptions(['--rate=0'], defaults).rate).to.equal(0);
  });

  it('refuses unknown arguments and bad numbers', () => {
    expect(() => parseStartOptions(['--fast'], defaults)).to.throw(/unknown argument/);
    expect(() => parseStartOptions(['--rate', 'lots'], defaults)).to.throw(/--rate needs a whole number/);
    expect(() => parseStartOptions(['--rate'], defaults)).to.throw(/--rate needs/);
    expect(() => parseStartOptions(['--demo-events', '10'], defaults)).to.throw(/at least 1000/);
  });
});
