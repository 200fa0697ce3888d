import { expect } from 'chai';
import { referenceMap, validateReferenceTable } from './reference-location';

describe('validateReferenceTable', () => {
  it('accepts a clean table with oids beyond 2^53 and Unicode names', () => {
    const result = validateReferenceTable([
      { geographical_location_oid: '9007199254740993', geographical_location: '東京 🗼' },
      { geographical_location_oid: 2, geographical_location: 'x'.repeat(500) },
      { geographical_location_oid: 9223372036854775807n, geographical_location: 'Utopia Centre', extra: 1 },
    ]);
    expect(result).to.deep.equal({
      ok: true,
      locations: [
        { geographicalLocationOid: 9007199254740993n, geographicalLocation: '東京 🗼' },
        { geographicalLocationOid: 2n, geographicalLocation: 'x'.repeat(500) },
        { geographicalLocationOid: 9223372036854775807n, geographicalLocation: 'Utopia Centre' },
      ],
    });
  });

  it('reports every problem with its row number and refuses the table', () => {
    const result = validateReferenceTable(
      [
        { geographical_location_oid: '1', geographical_location: 'A' }, // row 2
        { geographical_location_oid: '0', geographical_location: '' }, // row 3: two problems
        { geographical_location_oid: '1', geographical_location: 'A again' }, // row 4: duplicate of row 2
        { geographical_location_oid: 1.5, geographical_location: 'y'.repeat(501) }, // row 5
        null, // row 6
        { geographical_location: 'no oid' }, // row 7
        { geographical_location_oid: '3', geographical_location: '😀'.repeat(500) }, // row 8: fine, 500 code points
        { geographical_location_oid: '4', geographical_location: 7 }, // row 9
      ],
      { firstRow: 2 },
    );
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.map((p) => [p.row, p.reason, p.field])).to.deep.equal([
      [3, 'non_positive_oid', 'geographical_location_oid'],
      [3, 'location_name_empty', 'geographical_location'],
      [4, 'duplicate_oid', 'geographical_location_oid'],
      [5, 'invalid_int64', 'geographical_location_oid'],
      [5, 'location_name_too_long', 'geographical_location'],
      [6, 'not_an_object', undefined],
      [7, 'missing_field', 'geographical_location_oid'],
      [9, 'invalid_location_name', 'geographical_location'],
    ]);
    expect(result.problems[2]?.message).to.equal('row 4: geographical_location_oid 1 already on row 2');
    for (const problem of result.problems) expect(problem.message).to.match(new RegExp(`^row ${problem.row}: `));
  });

  it('detects duplicates written differently (number vs string)', () => {
    const result = validateReferenceTable([
      { geographical_location_oid: 5, geographical_location: 'a' },
      { geographical_location_oid: '5', geographical_location: 'b' },
    ]);
    expect(result.ok).to.equal(false);
  });

  it('builds a lookup keyed by bigint value', () => {
    const map = referenceMap([{ geographicalLocationOid: 9007199254740993n, geographicalLocation: 'A' }]);
    expect(map.get(BigInt('9007199254740993'))).to.equal('A');
    expect(map.get(9007199254740992n)).to.equal(undefined);
  });
});
