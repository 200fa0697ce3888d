import { expect } from 'chai';
import { ParquetError } from '../errors';
import { encodeParquet, openParquet, readParquetColumns, type ColumnSpec } from '.';

const schema: ColumnSpec[] = [
  { name: 'oid', type: 'int64' },
  { name: 'n', type: 'int32' },
  { name: 'text', type: 'utf8' },
  { name: 'maybe', type: 'utf8', optional: true },
];

function batch(rows: number) {
  return {
    rowCount: rows,
    columns: new Map<string, bigint[] | number[] | (string | null)[]>([
      ['oid', Array.from({ length: rows }, (_, i) => 2n ** 62n + BigInt(i))],
      ['n', Array.from({ length: rows }, (_, i) => i - 5)],
      ['text', Array.from({ length: rows }, (_, i) => `é${i}😀`)],
      ['maybe', Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? null : `m${i}`))],
    ]),
  };
}

describe('Parquet writer and column-chunk reader', () => {
  it('round-trips int64 above 2^53, int32, UTF-8 and nulls across row groups and pages', async () => {
    const bytes = encodeParquet(schema, batch(1000), { rowGroupRows: 300, pageRows: 70, metadata: { k: 'v' } });
    const { footer, columns } = await readParquetColumns(bytes);
    expect(footer.numRows).to.equal(1000);
    expect(footer.rowGroups).to.have.length(4);
    expect(footer.metadata).to.deep.equal({ k: 'v' });
    expect(columns.get('oid')?.[999]).to.equal(2n ** 62n + 999n);
    expect(columns.get('n')?.slice(0, 2)).to.deep.equal([-5, -4]);
    expect(columns.get('text')?.[12]).to.equal('é12😀');
    expect(columns.get('maybe')?.slice(0, 4)).to.deep.equal([null, 'm1', 'm2', null]);
  });

  it('stores min/max statistics per row group for int columns', async () => {
    const file = await openParquet(encodeParquet(schema, batch(10), { rowGroupRows: 5 }));
    expect(file.footer.rowGroups[1]?.stats.get('oid')).to.deep.equal({ min: 2n ** 62n + 5n, max: 2n ** 62n + 9n });
    expect(file.footer.rowGroups[0]?.stats.get('n')).to.deep.equal({ min: -5, max: -1 });
  });

  it('writes an empty file that reads back with no rows', async () => {
    const { footer, columns } = await readParquetColumns(encodeParquet(schema, batch(0)));
    expect(footer.numRows).to.equal(0);
    expect(columns.get('oid')).to.deep.equal([]);
  });

  it('refuses a null in a required column', () => {
    const bad = batch(2);
    (bad.columns.get('text') as (string | null)[])[1] = null;
    expect(() => encodeParquet(schema, bad)).to.throw(/required/);
  });

  it('turns truncated or garbage input into a ParquetError', async () => {
    const bytes = encodeParquet(schema, batch(100));
    for (const broken of [bytes.subarray(0, bytes.length / 2), Buffer.from('PAR1garbagePAR1'), Buffer.alloc(0)]) {
      let caught: unknown;
      try {
        await readParquetColumns(broken);
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(ParquetError);
    }
  });
});
