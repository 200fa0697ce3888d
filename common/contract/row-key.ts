// The HBase row key of a detection (table <ns>:detections), 9 bytes:
//
//   byte 0     salt = FNV-1a 32-bit of bytes 1..8, & 0xff
//   bytes 1..8 detection_oid, 8 bytes big-endian (Java long layout)
//
// Why: oids are often issued in increasing order, and a plain oid key would
// send every write to the last region (hot-spotting). The salt spreads writes
// over regions pre-split on its first byte (regionSplitPoints), and because it
// is derived from the oid alone, one oid always maps to the same row: a replayed
// or duplicated event is a put to the same cell (idempotent), and a point lookup
// needs no scan. Oids are > 0, so within one salt the keys sort by oid.

import { ValidationError } from '../errors';
import { fnv1aInt64 } from './fnv1a';
import { INT64_MAX, int64FromBytes, writeInt64 } from './int64';

export const ROW_KEY_LENGTH = 9;

export function saltOf(oid: bigint): number {
  return fnv1aInt64(oid) & 0xff;
}

export function detectionRowKey(oid: bigint): Buffer {
  if (oid <= 0n || oid > INT64_MAX) throw new ValidationError('non_positive_oid', `detection_oid must be in 1..2^63-1, got ${oid}`);
  const key = Buffer.allocUnsafe(ROW_KEY_LENGTH);
  key[0] = saltOf(oid);
  writeInt64(key, oid, 1);
  return key;
}

/** The oid of a row key; throws if the length or the salt is wrong (not one of our keys). */
export function decodeDetectionRowKey(key: Uint8Array): bigint {
  if (key.length !== ROW_KEY_LENGTH)
    throw new ValidationError('invalid_row_key', `detection row key must be ${ROW_KEY_LENGTH} bytes, got ${key.length}`);
  const oid = int64FromBytes(key, 1);
  if (oid <= 0n || key[0] !== saltOf(oid)) {
    throw new ValidationError('invalid_row_key', `not a detection row key: ${Buffer.from(key).toString('hex')}`);
  }
  return oid;
}

/**
 * The regions-1 one-byte split keys that cut the salt range 0..255 into
 * `regions` equal parts (regions = 8 -> 0x20, 0x40, ..., 0xe0).
 */
export function regionSplitPoints(regions: number): Buffer[] {
  if (!Number.isInteger(regions) || regions < 1 || regions > 256) {
    throw new ValidationError('invalid_regions', `regions must be an integer in 1..256, got ${regions}`);
  }
  const splits: Buffer[] = [];
  for (let i = 1; i < regions; i++) splits.push(Buffer.of(Math.floor((i * 256) / regions)));
  return splits;
}
