// Rows of Dataset B in HBase (table reference, family l). Each load writes a
// new version; readers use the version named in meta "reference/current", so a
// load is switched on at once and a half-written version is never read.
//   row: <version> (UTF-8) | 0x00 | geographical_location_oid (8 bytes, big-endian)
//   qualifier "name": geographical_location (UTF-8)
// Versions sort as text: use a fixed-width UTC timestamp, e.g. 20261122T130501Z.

import { int64FromBytes, writeInt64 } from './int64';
import { ContractError } from '../errors';

export const REFERENCE_NAME_QUALIFIER = 'name';
const VERSION_PATTERN = /^[0-9A-Za-z_.-]{1,64}$/;

export function checkReferenceVersion(version: string): string {
  if (!VERSION_PATTERN.test(version)) throw new ContractError(`invalid reference version ${JSON.stringify(version)}`);
  return version;
}

export function referenceVersionPrefix(version: string): Buffer {
  return Buffer.concat([Buffer.from(checkReferenceVersion(version), 'utf8'), Buffer.from([0])]);
}

export function referenceRowKey(version: string, locationOid: bigint): Buffer {
  const oid = Buffer.alloc(8);
  writeInt64(oid, locationOid, 0);
  return Buffer.concat([referenceVersionPrefix(version), oid]);
}

export function decodeReferenceRowKey(row: Buffer): { version: string; locationOid: bigint } {
  const separator = row.length - 9;
  if (separator < 1 || row[separator] !== 0) throw new ContractError('not a reference row key');
  return { version: row.subarray(0, separator).toString('utf8'), locationOid: int64FromBytes(row, separator + 1) };
}

/** A version name from a time: fixed width, so versions sort by time. */
export function referenceVersionAt(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}
