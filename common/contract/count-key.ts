// Row keys of the count views, shared by the speed view (table live_counts,
// minute buckets; table live_rollups, its hour and day roll-ups) and the batch
// view (table batch_views, hour buckets):
//
//   scope (1 byte) | geographical_location_oid (8 bytes, big-endian) | bucket (4 bytes, big-endian) | item_name (UTF-8, item scope only)
//
// scope: 'i' per item per minute, 't' all items per minute (speed view);
//        'I' per item per hour,   'T' all items per hour   (batch view; speed view roll-ups);
//        'd' per item per day,    's' all items per day    (speed view roll-ups).
// bucket: whole minutes, hours or days since the epoch (UTC), as an unsigned 32-bit number.
// Location oid 0 (never a real oid: oids are > 0) holds the sums over all locations.
// Why this order: a dashboard asks "this location, this time range", which is
// then one contiguous scan; totals live in their own scope so a chart of one
// location's totals does not read every item row.

import { int64FromBytes, writeInt64 } from './int64';
import { ContractError } from '../errors';

export type CountGranularity = 'minute' | 'hour' | 'day';
export type CountScope = 'item' | 'total';

export const ALL_LOCATIONS = 0n;
export const BUCKET_MS: Readonly<Record<CountGranularity, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

const SCOPE_BYTES: Readonly<Record<CountGranularity, Readonly<Record<CountScope, number>>>> = {
  minute: { item: 0x69 /* i */, total: 0x74 /* t */ },
  hour: { item: 0x49 /* I */, total: 0x54 /* T */ },
  day: { item: 0x64 /* d */, total: 0x73 /* s */ },
};

export interface CountKey {
  readonly granularity: CountGranularity;
  readonly scope: CountScope;
  /** A real location oid, or ALL_LOCATIONS for the sums over every location. */
  readonly locationOid: bigint;
  /** Start of the bucket, epoch milliseconds (a multiple of BUCKET_MS). */
  readonly bucketStartMs: number;
  /** The item for scope 'item'; '' for scope 'total'. */
  readonly itemName: string;
}

const HEADER = 1 + 8 + 4;

export function bucketStart(timestampMs: number, granularity: CountGranularity): number {
  const size = BUCKET_MS[granularity];
  return Math.floor(timestampMs / size) * size;
}

export function countRowKey(key: CountKey): Buffer {
  const itemLength = key.scope === 'item' ? Buffer.byteLength(key.itemName, 'utf8') : 0;
  // Every byte is written below, so the pooled, unzeroed allocation is safe
  // (the speed layer builds thousands of these per chunk).
  const row = Buffer.allocUnsafe(HEADER + itemLength);
  row[0] = SCOPE_BYTES[key.granularity][key.scope];
  writeInt64(row, key.locationOid, 1);
  row.writeUInt32BE(Math.floor(key.bucketStartMs / BUCKET_MS[key.granularity]), 9);
  if (itemLength > 0) row.write(key.itemName, HEADER, itemLength, 'utf8');
  return row;
}

export function decodeCountRowKey(row: Buffer): CountKey {
  if (row.length < HEADER) throw new ContractError(`count row key too short (${row.length} bytes)`);
  const found = (Object.keys(SCOPE_BYTES) as CountGranularity[]).flatMap((granularity) =>
    (Object.keys(SCOPE_BYTES[granularity]) as CountScope[])
      .filter((scope) => SCOPE_BYTES[granularity][scope] === row[0])
      .map((scope) => ({ granularity, scope })),
  )[0];
  if (!found) throw new ContractError(`unknown count scope byte 0x${row[0]?.toString(16)}`);
  return {
    ...found,
    locationOid: int64FromBytes(row, 1),
    bucketStartMs: row.readUInt32BE(9) * BUCKET_MS[found.granularity],
    itemName: found.scope === 'item' ? row.subarray(HEADER).toString('utf8') : '',
  };
}

/** Start (inclusive) and stop (exclusive) rows of one location's buckets in [fromMs, toMs). */
export function countScanRange(
  granularity: CountGranularity,
  scope: CountScope,
  locationOid: bigint,
  fromMs: number,
  toMs: number,
): { readonly startRow: Buffer; readonly stopRow: Buffer } {
  const edge = (ms: number) => countRowKey({ granularity, scope, locationOid, bucketStartMs: bucketStart(ms, granularity), itemName: '' });
  // A bucket that starts before toMs is included: round toMs up to the next bucket.
  const size = BUCKET_MS[granularity];
  return { startRow: edge(fromMs), stopRow: edge(Math.ceil(toMs / size) * size) };
}
