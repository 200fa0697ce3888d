import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { ParquetEnvelopeReader } from 'parquetjs-lite/lib/reader';
import { ParquetError } from '../errors';
import { encodeParquet, openParquet, type ColumnSpec } from '.';
import { decodePlainChunk } from './plain-chunk';

const schema: ColumnSpec[] = [
  { name: 'oid', type: 'int64' },
  { name: 'n', type: 'int32' },
  { name: 'text', type: 'utf8' },
  { name: 'maybe', type: 'utf8', optional: true },
  { name: 'maybe_oid', type: 'int64', optional: true },
];
const EDGES = [-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n, 2n ** 53n + 1n];
const NAMES = ['car', '🚗 emoji', '自転車', 'x'.repeat(5000), ''];

function columns(rows: number) {
  return new Map<string, bigint[] | number[] | (string | null)[] | (bigint | null)[]>([
    // Edge values moved inward by i, so that every value stays in range.
    [
      'oid',
      Array.from({ length: rows }, (_, i) =>
        EDGES[i % EDGES.length]! > 0n ? EDGES[i % EDGES.length]! - BigInt(i) : EDGES[i % EDGES.length]! + BigInt(i),
      ),
    ],
    ['n', Array.from({ length: rows }, (_, i) => (i % 2 === 0 ? i : -i) * 65_537)],
    ['text', Array.from({ length: rows }, (_, i) => NAMES[i % NAMES.length]!)],
    ['maybe', Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? null : `m${i}`))],
    ['maybe_oid', Array.from({ length: rows }, (_, i) => (i % 4 === 1 ? null : 2n ** 62n - BigInt(i)))],
  ]);
}

/** Every column chunk of a file with its row group's rows, as the thrift footer describes them. */
async function chunksOf(bytes: Buffer) {
  const envelope = await ParquetEnvelopeReader.openBuffer(bytes);
  await envelope.readHeader();
  const footer = await envelope.readFooter();
  return footer.row_groups.flatMap((group) => group.columns.map((chunk) => ({ chunk, rows: Number(group.num_rows) })));
}

describe('plain column chunks (the fast path for our own files)', () => {
  it('reads every chunk our writer makes, int64 edges, UTF-8 and nulls, exactly as written, across pages and row groups', async () => {
    const written = columns(1000);
    const bytes = encodeParquet(schema, { rowCount: 1000, columns: written }, { rowGroupRows: 300, pageRows: 70 });
    const file = await openParquet(bytes);
    const read = new Map<string, unknown[]>();
    for (let g = 0; g < file.footer.rowGroups.length; g++)
      for (const [name, values] of await file.readRowGroup(g)) read.set(name, [...(read.get(name) ?? []), ...values]);
    expect(read).to.deep.equal(written);
    // And each chunk took the fast path.
    for (const { chunk, rows } of await chunksOf(bytes)) {
      const info = file.footer.columns.find((c) => c.name === chunk.meta_data.path_in_schema[0])!;
      expect(decodePlainChunk(bytes, chunk.meta_data, info, rows), info.name).to.have.length(rows);
    }
  });

  it('leaves dictionary-encoded chunks (pyarrow, Spark) to the general reader, which still reads them', async () => {
    const bytes = fs.readFileSync(path.resolve(__dirname, '../../../test/batch/fixtures/locations.parquet'));
    const file = await openParquet(bytes);
    const name = file.footer.columns.find((c) => c.physicalType === 'BYTE_ARRAY')!;
    const chunk = (await chunksOf(bytes)).find((c) => c.chunk.meta_data.path_in_schema[0] === name.name)!;
    expect(decodePlainChunk(bytes, chunk.chunk.meta_data, name, chunk.rows)).to.equal(undefined);
    expect((await file.readRowGroup(0)).get(name.name)?.[0]).to.equal('Square 1');
  });

  it('turns a damaged page into a ParquetError, never a short or wrong column', async () => {
    const bytes = encodeParquet(schema, { rowCount: 50, columns: columns(50) });
    const [first] = await chunksOf(bytes);
    const info = { name: 'oid', physicalType: 'INT64', optional: false };
    expect(() => decodePlainChunk(bytes, first!.chunk.meta_data, info, 49)).to.throw(ParquetError, /more than 49/);
    expect(() => decodePlainChunk(bytes, first!.chunk.meta_data, info, 51)).to.throw(ParquetError, /expected 51 values, decoded 50/);
    const beyond = { ...first!.chunk.meta_data, total_compressed_size: bytes.length };
    expect(() => decodePlainChunk(bytes, beyond, info, 50)).to.throw(ParquetError, /outside the file/);
    // 8-byte values read as length-prefixed text run past the page's end.
    const wrongType = { name: 'text', physicalType: 'BYTE_ARRAY', optional: false };
    expect(() => decodePlainChunk(bytes, first!.chunk.meta_data, wrongType, 50)).to.throw(ParquetError);
  });
});
