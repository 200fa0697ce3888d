import { expect } from 'chai';
import {
  decodeDetectionCells,
  detectionLineage,
  DETECTION_QUALIFIERS,
  DETECTION_RECORD_QUALIFIER,
  encodeDetectionCells,
} from './detection-cells';
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
  const record = (r: EnrichedDetection): Record<string, unknown> =>
    JSON.parse((asMap(r).get(DETECTION_RECORD_QUALIFIER) as Buffer).toString('utf8')) as Record<string, unknown>;

  it('is one record cell of plain JSON text, int64 values as exact decimal strings', () => {
    expect([...asMap(row).keys()]).to.deep.equal([DETECTION_RECORD_QUALIFIER]);
    expect(record(row)).to.deep.equal({
      loc: '9223372036854775807',
      cam: '9007199254740993',
      oid: '42',
      ts: '1763800000123',
      item: 'ひまわり 🌻',
      name: 'Harbour Gate',
      src: '7:18446744073709',
    });
  });

  it('encodes the same row to the same bytes (a replayed put writes the very same cell)', () => {
    const again = { ...row, lineage: { ...row.lineage } };
    expect(asMap(again).get(DETECTION_RECORD_QUALIFIER)).to.deep.equal(asMap(row).get(DETECTION_RECORD_QUALIFIER));
  });

  it('round-trips a known location exactly', () => {
    expect(decodeDetectionCells(asMap(row))).to.deep.equal(row);
  });

  it('round-trips an unknown location as no name, flagged', () => {
    const unknown = { ...row, geographicalLocation: null, locationKnown: false };
    expect(record(unknown).name).to.equal(null);
    expect(decodeDetectionCells(asMap(unknown))).to.deep.equal(unknown);
  });

  it('round-trips 5,000 characters, quotes, backslashes and control characters', () => {
    const long = { ...row, itemName: `"\\\n\t${'界'.repeat(4990)}`, geographicalLocation: '</script>"' };
    expect(decodeDetectionCells(asMap(long))).to.deep.equal(long);
  });

  it('refuses a record without a required field, naming it', () => {
    const rest = record(row);
    delete rest.item;
    const cells = new Map([[DETECTION_RECORD_QUALIFIER, Buffer.from(JSON.stringify(rest))]]);
    expect(() => decodeDetectionCells(cells)).to.throw(/item/);
  });

  it('refuses a record that is not a JSON object, or whose ts is not an integer', () => {
    for (const bad of ['{"loc":', '[1,2]', 'null']) {
      expect(() => decodeDetectionCells(new Map([[DETECTION_RECORD_QUALIFIER, Buffer.from(bad)]])), bad).to.throw(/record cell/);
    }
    const cells = new Map([[DETECTION_RECORD_QUALIFIER, Buffer.from(JSON.stringify({ ...record(row), ts: '1e3x' }))]]);
    expect(() => decodeDetectionCells(cells)).to.throw(/ts/);
  });

  it('still reads a row written one cell per field (before the record cell)', () => {
    const q = DETECTION_QUALIFIERS;
    const legacy = new Map<string, Buffer>([
      [q.location, Buffer.from('9223372036854775807')],
      [q.camera, Buffer.from('9007199254740993')],
      [q.detection, Buffer.from('42')],
      [q.timestamp, Buffer.from('1763800000123')],
      [q.item, Buffer.from('ひまわり 🌻')],
      [q.name, Buffer.from('Harbour Gate')],
      [q.lineage, Buffer.from('7:18446744073709')],
    ]);
    expect(decodeDetectionCells(legacy)).to.deep.equal(row);
    legacy.delete(q.name);
    expect(decodeDetectionCells(legacy)).to.deep.equal({ ...row, geographicalLocation: null, locationKnown: false });
    legacy.delete(q.item);
    expect(() => decodeDetectionCells(legacy)).to.throw(/item/);
  });

  it('reads the lineage of a record row and of an older row; none from an unreadable record', () => {
    const of = (cells: Map<string, Buffer>) => detectionLineage((q) => cells.get(q));
    expect(of(asMap(row))).to.equal('7:18446744073709');
    expect(of(new Map([[DETECTION_QUALIFIERS.lineage, Buffer.from('3:10')]]))).to.equal('3:10');
    expect(of(new Map([[DETECTION_RECORD_QUALIFIER, Buffer.from('{"src":')]]))).to.equal(undefined);
    expect(of(new Map())).to.equal(undefined);
  });
});
