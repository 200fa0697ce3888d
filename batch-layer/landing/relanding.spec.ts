import { expect } from 'chai';
import type { LandingFile } from '../../common/contract';
import { rangesToReland } from './relanding';

const file = (start: number, end: number): LandingFile => ({
  topic: 't',
  partition: 2,
  startOffset: BigInt(start),
  endOffset: BigInt(end),
});

describe('re-landing quarantined landing files', () => {
  it('re-lands a quarantined file that is not the newest of its partition', () => {
    expect(rangesToReland([file(0, 99), file(200, 299)], [file(100, 199)], 0n)).to.deep.equal([{ start: 100n, end: 199n }]);
  });

  it('leaves the newest range to the normal resume, and ranges already landed again or gone from Kafka', () => {
    expect(rangesToReland([file(0, 99)], [file(100, 199)], 0n)).to.deep.equal([]);
    expect(rangesToReland([file(0, 99), file(100, 199), file(200, 299)], [file(100, 199)], 0n)).to.deep.equal([]);
    expect(rangesToReland([file(0, 99), file(200, 299)], [file(100, 199)], 150n)).to.deep.equal([]);
  });

  it('orders several ranges and counts a range quarantined twice once', () => {
    expect(rangesToReland([file(0, 9), file(40, 49)], [file(30, 39), file(10, 19), file(30, 39)], 0n)).to.deep.equal([
      { start: 10n, end: 19n },
      { start: 30n, end: 39n },
    ]);
  });
});
