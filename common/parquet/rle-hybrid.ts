// Parquet's RLE/bit-packed hybrid, decoded: definition levels and dictionary
// indices. Runs follow one another, each starting with a ULEB128 header:
//   header & 1 = 1  bit-packed: (header >> 1) groups of 8 values, each value
//                   `bitWidth` bits, least significant bit first;
//   header & 1 = 0  repeated: (header >> 1) copies of one value stored in
//                   ceil(bitWidth / 8) bytes, little-endian.
// A dictionary-indexed data page starts with one byte, the indices' bit width.
// Ours replaces parquetjs-lite's decoder, which added the bytes of a repeated
// value instead of shifting them: any dictionary index of 256 or more came back
// wrong (index 257 read as 2), so DuckDB's and Spark's outputs with more than
// 256 distinct locations or items were misread.

import { ParquetError } from '../errors';

/** parquetjs-lite's read position: the page buffer and an offset it advances. */
export interface ByteCursor {
  buffer: Buffer;
  offset: number;
}

function readHeader(cursor: ByteCursor): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = cursor.buffer[cursor.offset++];
    if (byte === undefined) throw new ParquetError('RLE/bit-packed run header past the end of the page');
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return value;
    scale *= 128;
  }
}

/** `count` values of `bitWidth` bits (0 to 32) from the cursor, which is left after the last run read. */
export function decodeHybrid(cursor: ByteCursor, count: number, bitWidth: number): number[] {
  if (!Number.isInteger(bitWidth) || bitWidth < 0 || bitWidth > 32)
    throw new ParquetError(`RLE/bit-packed bit width ${bitWidth} out of range`);
  const out = new Array<number>(count);
  const valueBytes = Math.ceil(bitWidth / 8);
  let n = 0;
  while (n < count) {
    const header = readHeader(cursor);
    if (header % 2 === 0) {
      const run = Math.floor(header / 2);
      let value = 0;
      for (let i = 0; i < valueBytes; i++) value += (cursor.buffer[cursor.offset + i] ?? 0) * 2 ** (8 * i);
      cursor.offset += valueBytes;
      for (let i = 0; i < run && n < count; i++) out[n++] = value;
      continue;
    }
    const values = Math.floor(header / 2) * 8;
    const start = cursor.offset;
    for (let i = 0; i < values && n < count; i++) {
      let value = 0;
      let got = 0;
      let at = i * bitWidth;
      while (got < bitWidth) {
        const shift = at & 7;
        const take = Math.min(8 - shift, bitWidth - got);
        value += (((cursor.buffer[start + (at >>> 3)] ?? 0) >>> shift) & ((1 << take) - 1)) * 2 ** got;
        got += take;
        at += take;
      }
      out[n++] = value;
    }
    cursor.offset = start + (values / 8) * bitWidth;
  }
  return out;
}

/** parquetjs-lite's codec shape for RLE (levels): a 4-byte length first unless `disableEnvelope`. */
export const rleCodec = {
  decodeValues(
    this: void,
    _type: string,
    cursor: ByteCursor,
    count: number,
    opts: { bitWidth: number; disableEnvelope?: boolean },
  ): number[] {
    if (opts.disableEnvelope) return decodeHybrid(cursor, count, opts.bitWidth);
    // The envelope's length says where the levels end, whatever padding the writer left.
    const length = cursor.buffer.readUInt32LE(cursor.offset);
    const end = cursor.offset + 4 + length;
    cursor.offset += 4;
    const values = decodeHybrid(cursor, count, opts.bitWidth);
    cursor.offset = end;
    return values;
  },
};

/** parquetjs-lite's codec shape for PLAIN_DICTIONARY / RLE_DICTIONARY data pages: the indices. */
export const dictionaryIndexCodec = {
  decodeValues(this: void, _type: string, cursor: ByteCursor, count: number): number[] {
    const bitWidth = cursor.buffer[cursor.offset];
    if (bitWidth === undefined) throw new ParquetError('dictionary-indexed page without its bit width');
    cursor.offset += 1;
    return decodeHybrid(cursor, count, bitWidth);
  },
};
