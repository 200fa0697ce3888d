// Integer columns held in typed arrays (Int32Array, BigInt64Array) are written
// without touching their values one by one: on a little-endian host their
// memory already is Parquet's PLAIN encoding (little-endian two's complement).
// Reading a BigInt64Array element allocates a heap bigint, and Buffer's
// writeBigInt64LE splits it with bigint arithmetic: for a 10 M-row day that was
// tens of millions of short-lived bigints per int64 column. Min and max for the
// statistics are found by comparing 32-bit words; only the two winners are read
// as bigints.

import { ParquetError } from '../errors';

export type TypedColumn = Int32Array | BigInt64Array;

/** Whether typed arrays lay integers out as Parquet does (true on x86 and ARM as Node runs them). */
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const TWO_32 = 2 ** 32;
const TWO_63 = 2 ** 63;

/**
 * Whether `values` can be written as stored: a typed array of exactly the
 * column's physical type (an Int32Array in an int64 column is widened value by
 * value) on a little-endian host.
 */
export function storedAsPlain(type: string, values: unknown): values is TypedColumn {
  return (
    LITTLE_ENDIAN_HOST && ((type === 'int32' && values instanceof Int32Array) || (type === 'int64' && values instanceof BigInt64Array))
  );
}

/** Values [start, end) as PLAIN bytes: a view of the column's memory, not a copy (little-endian hosts only). */
export function plainBytes(values: TypedColumn, start: number, end: number): Buffer {
  const width = values.BYTES_PER_ELEMENT;
  return Buffer.from(values.buffer, values.byteOffset + start * width, (end - start) * width);
}

/** The smallest and largest of values [start, end) (start < end). */
export function typedMinMax(values: TypedColumn, start: number, end: number): { min: number | bigint; max: number | bigint } {
  if (values instanceof Int32Array) {
    let min = values[start] as number;
    let max = min;
    for (let i = start + 1; i < end; i++) {
      const v = values[i] as number;
      if (v < min) min = v;
      else if (v > max) max = v;
    }
    return { min, max };
  }
  // (high word signed, low word unsigned) orders int64s as their values do.
  const high = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
  const low = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const h = LITTLE_ENDIAN_HOST ? 1 : 0;
  const l = 1 - h;
  let min = start;
  let max = start;
  for (let i = start + 1; i < end; i++) {
    const hi = high[2 * i + h] as number;
    const lo = low[2 * i + l] as number;
    const minHi = high[2 * min + h] as number;
    if (hi < minHi || (hi === minHi && lo < (low[2 * min + l] as number))) min = i;
    const maxHi = high[2 * max + h] as number;
    if (hi > maxHi || (hi === maxHi && lo > (low[2 * max + l] as number))) max = i;
  }
  return { min: values[min] as bigint, max: values[max] as bigint };
}

/**
 * An int64 column of integer numbers (epoch milliseconds), written word by
 * word: `BigInt(n)` per value allocated a heap bigint only to store it.
 */
export function int64Column(count: number, valueAt: (i: number) => number): BigInt64Array {
  const column = new BigInt64Array(count);
  const words = new Uint32Array(column.buffer);
  const h = LITTLE_ENDIAN_HOST ? 1 : 0;
  for (let i = 0; i < count; i++) {
    const value = valueAt(i);
    if (!Number.isInteger(value) || value < -TWO_63 || value >= TWO_63)
      throw new ParquetError(`int64 column: value ${value} at row ${i} is not an integer in the int64 range`);
    // Exact for every integer double: the division and floor are by a power of two.
    const hi = Math.floor(value / TWO_32);
    words[2 * i + h] = hi; // a negative high word wraps to its two's complement
    words[2 * i + 1 - h] = value - hi * TWO_32;
  }
  return column;
}
