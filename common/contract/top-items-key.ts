// Rows of the batch view's daily top-X (table batch_views, family v):
//   'x' | event day (4 bytes: days since the epoch, UTC) | geographical_location_oid (8 bytes) | item_rank (2 bytes)
// qualifiers: "item" (UTF-8 item_name), "count" (decimal), "name" (geographical_location, absent if unknown).
// One location's day is a prefix scan returning ranks in order.

import { int64FromBytes, writeInt64 } from './int64';
import { ContractError } from '../errors';

const TOP_SCOPE = 0x78; // 'x'
const DAY_MS = 86_400_000;

export function topItemsRowKey(day: string, locationOid: bigint, rank: number): Buffer {
  const row = Buffer.alloc(15);
  row[0] = TOP_SCOPE;
  row.writeUInt32BE(epochDay(day), 1);
  writeInt64(row, locationOid, 5);
  row.writeUInt16BE(rank, 13);
  return row;
}

export function decodeTopItemsRowKey(row: Buffer): { day: string; locationOid: bigint; rank: number } {
  if (row.length !== 15 || row[0] !== TOP_SCOPE) throw new ContractError('not a top-items row key');
  return {
    day: new Date(row.readUInt32BE(1) * DAY_MS).toISOString().slice(0, 10),
    locationOid: int64FromBytes(row, 5),
    rank: row.readUInt16BE(13),
  };
}

/** Prefix of a day's rows (all locations), or of one location's ranks that day. */
export function topItemsPrefix(day: string, locationOid?: bigint): Buffer {
  const row = topItemsRowKey(day, locationOid ?? 0n, 0);
  return locationOid === undefined ? row.subarray(0, 5) : row.subarray(0, 13);
}

function epochDay(day: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(ms)) throw new ContractError(`invalid day ${JSON.stringify(day)}`);
  return ms / DAY_MS;
}
