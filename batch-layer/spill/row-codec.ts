// Binary form of a LandingRow in the local spill files: fixed fields then the
// item name, so a bucket reads back with a few Buffer reads per row.
//   oid i64 | loc i64 | cam i64 | offset i64 | ts f64 | kafka ts f64 | partition i32 | item length u32 | item UTF-8
// The int64s are big-endian through the contract's codec (int64.ts), which
// converts without the intermediate bigints of Buffer's own BigInt methods;
// other numbers are little-endian. The files live only for one run.

import { int64FromBytes, writeInt64 } from '../../common/contract';
import type { LandingRow } from '../schema/landing-row';

const FIXED = 8 * 6 + 4 + 4;

export function encodedLength(row: LandingRow): number {
  return FIXED + Buffer.byteLength(row.itemName, 'utf8');
}

export function encodeRow(row: LandingRow, out: Buffer, at: number): number {
  writeInt64(out, row.detectionOid, at);
  writeInt64(out, row.geographicalLocationOid, at + 8);
  writeInt64(out, row.videoCameraOid, at + 16);
  writeInt64(out, row.offset, at + 24);
  out.writeDoubleLE(row.timestampDetected, at + 32);
  out.writeDoubleLE(row.kafkaTimestamp, at + 40);
  out.writeInt32LE(row.partition, at + 48);
  const length = out.write(row.itemName, at + FIXED, 'utf8');
  out.writeUInt32LE(length, at + 52);
  return at + FIXED + length;
}

/** Length of the encoded row at `at` if it lies whole before `end`, else 0. */
export function completeRowLength(buffer: Buffer, at: number, end: number): number {
  if (at + FIXED > end) return 0;
  const length = FIXED + buffer.readUInt32LE(at + 52);
  return at + length <= end ? length : 0;
}

export function decodeRow(buffer: Buffer, at: number): LandingRow {
  const length = buffer.readUInt32LE(at + 52);
  return {
    detectionOid: int64FromBytes(buffer, at),
    geographicalLocationOid: int64FromBytes(buffer, at + 8),
    videoCameraOid: int64FromBytes(buffer, at + 16),
    offset: int64FromBytes(buffer, at + 24),
    timestampDetected: buffer.readDoubleLE(at + 32),
    kafkaTimestamp: buffer.readDoubleLE(at + 40),
    partition: buffer.readInt32LE(at + 48),
    itemName: buffer.toString('utf8', at + FIXED, at + FIXED + length),
  };
}
