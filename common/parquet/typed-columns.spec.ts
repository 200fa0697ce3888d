import { expect } from 'chai';
import { encodeParquet, readParquetColumns, type ColumnSpec } from '.';
import { int64Column, plainBytes, typedMinMax } from './typed-columns';

const EDGES = [-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n, 1n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 32n, 2n ** 32n - 1n, -(2n ** 32n)];

/** Deterministic pseudo-random int64s spread over the whole range. */
function randomInt64s(count: number, seed: number): bigint[] {
  let s = seed;
  const next = (): bigint => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return BigInt(s);
  };
  return Array.from({ length: count }, () => BigInt.asIntN(64, (next() << 33n) ^ (next() << 2n) ^ next()));
}

describe('typed integer columns', () => {
  it('int64Column writes integer numbers exactly, negative, beyond 2^53 and at the int64 edges', () => {
    const numbers = [
      0,
      -1,
      1,
      1_764_547_200_123,
      -1_764_547_200_123,
      2 ** 53 - 1,
      -(2 ** 53),
      2 ** 60,
      -(2 ** 63),
      2 ** 63 - 1024,
      4294967296,
      4294967295,
    ];
    const column = int64Column(numbers.length, (i) => numbers[i] as number);
    expect([...column]).to.deep.equal(numbers.map((n) => BigInt(n)));
  });

  it('int64Column refuses what is not an integer in range instead of storing a wrong value', () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 63, -(2 ** 64)])
      expect(() => int64Column(1, () => bad), String(bad)).to.throw(/not an integer in the int64 range/);
  });

  it('typedMinMax agrees with a plain comparison on random and edge int64s and int32s, over any sub-range', () => {
    const values = [...EDGES, ...randomInt64s(2000, 7)];
    const column = BigInt64Array.from(values);
    const ints = Int32Array.from(values.map((v) => Number(BigInt.asIntN(32, v))));
    for (const [start, end] of [
      [0, values.length],
      [3, 4],
      [10, 1500],
      [1, 2],
    ] as const) {
      const slice = values.slice(start, end);
      const expected = { min: slice.reduce((a, b) => (b < a ? b : a)), max: slice.reduce((a, b) => (b > a ? b : a)) };
      expect(typedMinMax(column, start, end), `int64 [${start}, ${end})`).to.deep.equal(expected);
      const numbers = [...ints.subarray(start, end)];
      expect(typedMinMax(ints, start, end), `int32 [${start}, ${end})`).to.deep.equal({
        min: Math.min(...numbers),
        max: Math.max(...numbers),
      });
    }
  });

  it('plainBytes of a sub-range is the PLAIN little-endian encoding of exactly those values', () => {
    const column = BigInt64Array.from(EDGES);
    const bytes = plainBytes(column.subarray(2), 1, 4);
    const expected = Buffer.alloc(24);
    EDGES.slice(3, 6).forEach((v, i) => expected.writeBigInt64LE(v, 8 * i));
    expect(bytes.equals(expected)).to.equal(true);
  });

  it('a file written from typed arrays is byte-equal to one written from plain arrays, and reads back the same', async () => {
    const schema: ColumnSpec[] = [
      { name: 'oid', type: 'int64' },
      { name: 'n', type: 'int32' },
      { name: 'maybe', type: 'int64', optional: true },
      { name: 'widened', type: 'int64' },
    ];
    const oids = [...EDGES, ...randomInt64s(990, 3)];
    const ns = oids.map((v) => Number(BigInt.asIntN(32, v)));
    const columns = (typed: boolean) =>
      new Map<string, bigint[] | number[] | BigInt64Array | Int32Array>([
        ['oid', typed ? BigInt64Array.from(oids) : oids],
        ['n', typed ? Int32Array.from(ns) : ns],
        ['maybe', typed ? BigInt64Array.from(oids) : oids],
        // An Int32Array in an int64 column is widened value by value, never written as 4-byte values.
        ['widened', typed ? Int32Array.from(ns) : ns.map((n) => BigInt(n))],
      ]);
    const options = { rowGroupRows: 300, pageRows: 70 };
    const typed = encodeParquet(schema, { rowCount: oids.length, columns: columns(true) }, options);
    const plain = encodeParquet(schema, { rowCount: oids.length, columns: columns(false) }, options);
    expect(typed.equals(plain)).to.equal(true);
    const back = await readParquetColumns(typed);
    expect(back.columns.get('oid')).to.deep.equal(oids);
    expect(back.columns.get('widened')).to.deep.equal(ns.map((n) => BigInt(n)));
    expect(back.footer.rowGroups[0]?.stats.get('oid')).to.deep.equal({
      min: oids.slice(0, 300).reduce((a, b) => (b < a ? b : a)),
      max: oids.slice(0, 300).reduce((a, b) => (b > a ? b : a)),
    });
  });
});
