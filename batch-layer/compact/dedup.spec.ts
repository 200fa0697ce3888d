import { expect } from 'chai';
import type { LandingRow } from '../schema/landing-row';
import { dedupFirstOccurrence } from './dedup';

const row = (oid: bigint, partition: number, offset: bigint, item = 'cat'): LandingRow => ({
  detectionOid: oid,
  geographicalLocationOid: 1n,
  videoCameraOid: 2n,
  itemName: item,
  timestampDetected: 1_700_000_000_000,
  partition,
  offset,
  kafkaTimestamp: 1_700_000_000_000,
});

describe('dedupFirstOccurrence', () => {
  it('keeps the lowest (partition, offset) copy of each oid, whatever the input order', () => {
    const result = dedupFirstOccurrence([row(5n, 1, 9n, 'late'), row(5n, 1, 3n, 'first'), row(6n, 0, 1n), row(5n, 1, 7n, 'mid')]);
    expect(result.rows.map((r) => [r.detectionOid, r.itemName])).to.deep.equal([
      [5n, 'first'],
      [6n, 'cat'],
    ]);
    expect(result.duplicates).to.equal(2);
    expect(result.messages).to.equal(4);
  });

  it('counts the same message read twice once, and not as a duplicate', () => {
    const result = dedupFirstOccurrence([row(7n, 2, 4n), row(7n, 2, 4n), row(7n, 2, 8n)]);
    expect(result.rows).to.have.length(1);
    expect(result.messages).to.equal(2);
    expect(result.duplicates).to.equal(1);
  });

  it('keeps oids above 2^53 apart', () => {
    const result = dedupFirstOccurrence([row(9007199254740993n, 0, 1n), row(9007199254740992n, 0, 2n)]);
    expect(result.rows).to.have.length(2);
  });
});
