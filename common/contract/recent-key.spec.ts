import { expect } from 'chai';
import { decodeRecentRowKey, recentLocationPrefix, recentRowKey } from './recent-key';

describe('recent row keys', () => {
  it('round-trip and sort newest first within a location', () => {
    const older = recentRowKey(3n, 1_700_000_000_000, 9007199254740993n);
    const newer = recentRowKey(3n, 1_700_000_000_500, 1n);
    expect(decodeRecentRowKey(older)).to.deep.equal({ locationOid: 3n, timestampMs: 1_700_000_000_000, detectionOid: 9007199254740993n });
    expect(Buffer.compare(newer, older)).to.equal(-1);
    expect(newer.subarray(0, 8).equals(recentLocationPrefix(3n))).to.equal(true);
    expect(recentRowKey(4n, 0, 1n).subarray(0, 8).equals(recentLocationPrefix(3n))).to.equal(false);
  });
});
