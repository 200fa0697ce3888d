import { expect } from 'chai';
import { decodeDetectionCells, encodeDetectionCells } from './detection-cells';
import type { EnrichedDetection } from './enriched-detection';

describe('detection cells', () => {
  const row: EnrichedDetection = {
    geographicalLocationOid: 9223372036854775807n,
    videoCameraOid: 9007199254740993n,
    detectionOid: 42n,
    itemName: 'ひまわり 🌻',
    timestampDetected: 1_763_800_000_123,
    geographicalLocation: 'Harbour Gate',
    locationKnown: true,
    lineage: { partition: 7, offset: '18446744073709' },
  };
  const asMap = (r: EnrichedDetection) => new Map(encodeDetectionCells(r).map((c) => [c.qualifier, c.value]));

  it('round-trips a known location exactly', () => {
    expect(decodeDetectionCells(asMap(row))).to.deep.equal(row);
  });

  it('round-trips an unknown location as no name, flagged', () => {
    const unknown = { ...row, geographicalLocation: null, locationKnown: false };
    expect(asMap(unknown).has('name')).to.equal(false);
    expect(decodeDetectionCells(asMap(unknown))).to.deep.equal(unknown);
  });

  it('refuses a row without a required cell', () => {
    const cells = asMap(row);
    cells.delete('item');
    expect(() => decodeDetectionCells(cells)).to.throw(/item/);
  });
});
