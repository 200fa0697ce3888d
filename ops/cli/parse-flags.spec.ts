import { expect } from 'chai';
import { UsageError } from './command';
import { numberFlag, parseFlags } from './parse-flags';

describe('bench flags', () => {
  it('reads --name value and --name=value', () => {
    const flags = parseFlags(['--events', '500', '--fresh-seconds=20'], ['events', 'fresh-seconds', 'fresh-rate']);
    expect([...flags]).to.deep.equal([
      ['events', '500'],
      ['fresh-seconds', '20'],
    ]);
    expect(numberFlag(flags, 'fresh-rate', 10_000)).to.equal(10_000);
  });

  it('refuses unknown flags, missing values and bad numbers', () => {
    expect(() => parseFlags(['--rows', '5'], ['events'])).to.throw(UsageError, /unknown option '--rows'/);
    expect(() => parseFlags(['--events'], ['events'])).to.throw(UsageError, /argument missing/);
    expect(() => numberFlag(new Map([['events', 'ten']]), 'events', 1)).to.throw(UsageError, /--events: bad value "ten"/);
  });
});
