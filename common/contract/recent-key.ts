// Row keys of the live feed (table recent): one row per detection, newest
// first within a location, so "the latest N of location L" is a prefix scan.
//
//   geographical_location_oid (8 bytes) | INT64_MAX - timestamp_detected (8 bytes) | detection_oid (8 bytes)

import { INT64_MAX, int64FromBytes, writeInt64 } from './int64';
import { ContractError } from '../errors';

export const RECENT_KEY_LENGTH = 24;

export function recentRowKey(locationOid: bigint, timestampMs: number, detectionOid: bigint): Buffer {
  const row = Buffer.allocUnsafe(RECENT_KEY_LENGTH); // every byte written below
  writeInt64(row, locationOid, 0);
  writeInt64(row, INT64_MAX - BigInt(timestampMs), 8);
  writeInt64(row, detectionOid, 16);
  return row;
}

export function decodeRecentRowKey(row: Buffer): { locationOid: bigint; timestampMs: number; detectionOid: bigint } {
  if (row.length !== RECENT_KEY_LENGTH) throw new ContractError(`recent row key must be ${RECENT_KEY_LENGTH} bytes, got ${row.length}`);
  return {
    locationOid: int64FromBytes(row, 0),
    timestampMs: Number(INT64_MAX - int64FromBytes(row, 8)),
    detectionOid: int64FromBytes(row, 16),
  };
}

/** The 8-byte prefix of one location's rows. */
export function recentLocationPrefix(locationOid: bigint): Buffer {
  const prefix = Buffer.alloc(8);
  writeInt64(prefix, locationOid, 0);
  return prefix;
}
