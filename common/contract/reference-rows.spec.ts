import { expect } from 'chai';
import { decodeReferenceRowKey, referenceRowKey, referenceVersionAt, referenceVersionPrefix } from './reference-rows';

describe('reference rows', () => {
  it('round-trip and group by version', () => {
    const version = referenceVersionAt(new Date(Date.UTC(2026, 10, 22, 13, 5, 1)));
    expect(version).to.equal('20261122T130501Z');
    const row = referenceRowKey(version, 9007199254740993n);
    expect(decodeReferenceRowKey(row)).to.deep.equal({ version, locationOid: 9007199254740993n });
    expect(row.subarray(0, version.length + 1).equals(referenceVersionPrefix(version))).to.equal(true);
    expect(() => referenceRowKey('bad/version', 1n)).to.throw(/invalid reference version/);
  });
});
