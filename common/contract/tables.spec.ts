import { expect } from 'chai';
import { ValidationError } from '../errors';
import { DETECTIONS_TTL_SECONDS, detectionTableName, hbaseTables, metaTableName } from './tables';

describe('HBase tables', () => {
  it('names tables inside the namespace', () => {
    expect(detectionTableName('utopia')).to.equal('utopia:detections');
    expect(metaTableName('test_1')).to.equal('test_1:meta');
  });

  it('refuses namespaces HBase would refuse', () => {
    for (const bad of ['', 'a:b', 'a-b', 'a b']) expect(() => detectionTableName(bad), bad).to.throw(ValidationError);
  });

  it('lists the seven tables with their families, TTLs and splits', () => {
    const tables = hbaseTables('utopia', 8);
    expect(tables.map((t) => [t.name, t.families.map((f) => [f.name, f.versions, f.ttlSeconds])])).to.deep.equal([
      ['utopia:detections', [['d', 1, 30 * 86400]]],
      ['utopia:live_counts', [['c', 1, 7 * 86400]]],
      ['utopia:live_rollups', [['c', 1, 7 * 86400]]],
      ['utopia:recent', [['r', 1, 2 * 86400]]],
      ['utopia:reference', [['l', 1, undefined]]],
      ['utopia:batch_views', [['v', 1, undefined]]],
      ['utopia:meta', [['m', 1, undefined]]],
    ]);
    expect(DETECTIONS_TTL_SECONDS).to.equal(2_592_000);
    expect(tables[0]?.splits.map((b) => b[0])).to.deep.equal([0x20, 0x40, 0x60, 0x80, 0xa0, 0xc0, 0xe0]);
    for (const table of tables.slice(1)) expect(table.splits).to.deep.equal([]);
    expect(hbaseTables('utopia', 1)[0]?.splits).to.deep.equal([]);
  });
});
