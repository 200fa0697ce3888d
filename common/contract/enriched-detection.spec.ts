import { expect } from 'chai';
import type { DetectionEvent } from './detection-event';
import { enrichDetection, sameLineage } from './enriched-detection';

const event: DetectionEvent = {
  geographicalLocationOid: 9007199254740993n,
  videoCameraOid: 2n,
  detectionOid: 3n,
  itemName: 'car',
  timestampDetected: 1_700_000_000_000,
};
const lineage = { partition: 4, offset: '9007199254740993' };

describe('enrichDetection', () => {
  it('joins the location name by oid value', () => {
    const enriched = enrichDetection(event, new Map([[BigInt('9007199254740993'), 'Centre']]), lineage);
    expect(enriched).to.deep.equal({ ...event, geographicalLocation: 'Centre', locationKnown: true, lineage });
  });

  it('keeps an event whose location is unknown, flagged', () => {
    const enriched = enrichDetection(event, new Map([[9007199254740992n, 'Other']]), lineage);
    expect(enriched.geographicalLocation).to.equal(null);
    expect(enriched.locationKnown).to.equal(false);
    expect(enriched.detectionOid).to.equal(3n);
  });

  it('compares lineage by partition and offset', () => {
    expect(sameLineage(lineage, { partition: 4, offset: '9007199254740993' })).to.equal(true);
    expect(sameLineage(lineage, { partition: 5, offset: '9007199254740993' })).to.equal(false);
    expect(sameLineage(lineage, { partition: 4, offset: '9007199254740992' })).to.equal(false);
  });
});
