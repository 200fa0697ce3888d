// A fast path for the column chunks this project's writer makes (landing files,
// warehouse parts): DATA_PAGE v1 pages of PLAIN values, snappy or uncompressed,
// no dictionary, a flat REQUIRED or OPTIONAL column. parquetjs-lite's page
// decoder pushes every level and value into growing arrays and reads each int64
// through Buffer's BigInt arithmetic, then the reader copied them once more;
// here each page's values go straight into one array of the row group's length.
// Any other chunk (dictionary, v2 pages, gzip, an unknown type) is left to
// parquetjs-lite: decodePlainChunk then answers undefined.

import * as thrift from 'parquetjs-lite/gen-nodejs/parquet_types';
import { decodeThrift } from 'parquetjs-lite/lib/util';
import * as snappy from 'snappyjs';
import { ParquetError } from '../errors';
import type { ColumnInfo, DecodedValue } from './parquet-reader';
import { decodeHybrid } from './rle-hybrid';

/** What the fast path reads of a column chunk's metadata. */
export interface PlainChunkMeta {
  readonly codec: number;
  readonly data_page_offset: unknown;
  readonly total_compressed_size: unknown;
  readonly dictionary_page_offset?: unknown;
}

interface PageHeader {
  type: number;
  compressed_page_size: number;
  data_page_header?: { num_values: number; encoding: number; definition_level_encoding: number } | null;
}

const CODECS = new Set([thrift.CompressionCodec.SNAPPY, thrift.CompressionCodec.UNCOMPRESSED]);
const TYPES = new Set(['INT32', 'INT64', 'BYTE_ARRAY']);

/** The chunk's `rows` values (null where not defined), or undefined if it is not of the form this path reads. */
export function decodePlainChunk(file: Buffer, meta: PlainChunkMeta, info: ColumnInfo, rows: number): DecodedValue[] | undefined {
  if (meta.dictionary_page_offset !== undefined && meta.dictionary_page_offset !== null) return undefined;
  if (!CODECS.has(meta.codec) || !TYPES.has(info.physicalType)) return undefined;
  const start = Number(meta.data_page_offset);
  const end = start + Number(meta.total_compressed_size);
  if (!Number.isSafeInteger(start) || start < 0 || !Number.isSafeInteger(end) || end > file.length)
    throw new ParquetError(`column ${info.name}: chunk [${start}, ${end}) outside the file`);
  const out = new Array<DecodedValue>(rows);
  let filled = 0;
  let at = start;
  while (at < end && filled < rows) {
    const header = new thrift.PageHeader() as unknown as PageHeader;
    at += decodeThrift(header, file, at);
    const page = header.data_page_header;
    if (header.type !== thrift.PageType.DATA_PAGE || !page || page.encoding !== thrift.Encoding.PLAIN) return undefined;
    if (info.optional && page.definition_level_encoding !== thrift.Encoding.RLE) return undefined;
    const stored = file.subarray(at, at + header.compressed_page_size);
    at += header.compressed_page_size;
    const body = meta.codec === thrift.CompressionCodec.SNAPPY ? asBuffer(snappy.uncompress(stored)) : stored;
    if (filled + page.num_values > rows) throw new ParquetError(`column ${info.name}: pages hold more than ${rows} values`);
    decodePage(body, page.num_values, info, out, filled);
    filled += page.num_values;
  }
  if (filled !== rows) throw new ParquetError(`expected ${rows} values, decoded ${filled}`);
  return out;
}

/** One page's `count` values into out[from...]: definition levels first if the column is optional. */
function decodePage(body: Buffer, count: number, info: ColumnInfo, out: DecodedValue[], from: number): void {
  let at = 0;
  let defined: number[] | undefined;
  if (info.optional) {
    if (body.length < 4) throw new ParquetError(`column ${info.name}: page too short for its definition levels`);
    const length = body.readUInt32LE(0);
    defined = decodeHybrid({ buffer: body.subarray(4, 4 + length), offset: 0 }, count, 1);
    at = 4 + length;
  }
  const view = new DataView(body.buffer, body.byteOffset, body.length);
  for (let i = 0; i < count; i++) {
    if (defined && defined[i] !== 1) {
      out[from + i] = null;
      continue;
    }
    switch (info.physicalType) {
      case 'INT64':
        if (at + 8 > body.length) throw shortPage(info);
        out[from + i] = view.getBigInt64(at, true);
        at += 8;
        break;
      case 'INT32':
        if (at + 4 > body.length) throw shortPage(info);
        out[from + i] = view.getInt32(at, true);
        at += 4;
        break;
      default: {
        if (at + 4 > body.length) throw shortPage(info);
        const length = view.getUint32(at, true);
        if (at + 4 + length > body.length) throw shortPage(info);
        out[from + i] = body.toString('utf8', at + 4, at + 4 + length);
        at += 4 + length;
      }
    }
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

function shortPage(info: ColumnInfo): ParquetError {
  return new ParquetError(`column ${info.name} has fewer values than definition levels`);
}
