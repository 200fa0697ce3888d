import { expect } from 'chai';
import { SessionLease } from './session-lease';

describe('session lease', () => {
  it('is expired until the first confirmation, valid for half a session after each one', () => {
    let now = 1_000_000;
    const lease = new SessionLease(10_000, () => now);
    expect(lease.expiredFor()).to.equal(Number.POSITIVE_INFINITY);
    lease.confirmed();
    now += 4_999;
    expect(lease.expiredFor()).to.equal(undefined);
    now += 1;
    expect(lease.expiredFor()).to.equal(5_000);
    lease.confirmed();
    expect(lease.expiredFor()).to.equal(undefined);
  });
});
