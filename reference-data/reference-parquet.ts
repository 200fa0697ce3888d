// Dataset B as Parquet. Reading accepts what Spark and pandas write (int32 or
// int64 oids, snappy/gzip, dictionary pages). Writing produces the version
// file in HDFS: geographical_location_oid INT64, geographical_location UTF8.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ParquetReader, ParquetSchema, ParquetWriter } from 'parquetjs-lite';
import type { ReferenceLocation } from '../common/contract';
import { keepInt64Exact } from './parquet-int64';

export async function readParquetRows(file: string): Promise<Record<string, unknown>[]> {
  const reader = await ParquetReader.openFile(file);
  try {
    const cursor = reader.getCursor();
    const rows: Record<string, unknown>[] = [];
    for (let row = await cursor.next(); row; row = await cursor.next()) rows.push(normaliseRow(row));
    return rows;
  } finally {
    await reader.close();
  }
}

/** pandas may store strings as BYTE_ARRAY without the UTF8 annotation: decode Buffers. */
function normaliseRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  return out;
}

export async function encodeReferenceParquet(locations: readonly ReferenceLocation[]): Promise<Buffer> {
  keepInt64Exact();
  const schema = new ParquetSchema({
    geographical_location_oid: { type: 'INT64', compression: 'SNAPPY' },
    geographical_location: { type: 'UTF8', compression: 'SNAPPY' },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'utopia-reference-'));
  const file = path.join(dir, 'part-00000.parquet');
  try {
    const writer = await ParquetWriter.openFile(schema, file);
    for (const l of locations)
      await writer.appendRow({ geographical_location_oid: l.geographicalLocationOid, geographical_location: l.geographicalLocation });
    await writer.close();
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
