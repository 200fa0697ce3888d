// Which counter cells one accepted event counts in: its minute row in
// live_counts and the hour and day roll-ups of the same key in live_rollups.
// Every one is a per-partition absolute cell (partition-count.ts) kept by the
// same exactly-once rule (counter-cell.ts), so a replay skips each cell whose
// stored offset already covers the message, whichever of them were written
// before a crash. Pure.

import { ALL_LOCATIONS, bucketStart, countRowKey, type CountGranularity, type CountScope } from '../common/contract';
import { counterAddress, type CounterAddress, type CounterTable } from './counter-cell';

/** The granularities the speed view keeps, and the table each lives in. */
export const SPEED_GRANULARITIES: readonly { readonly granularity: CountGranularity; readonly table: CounterTable }[] = [
  { granularity: 'minute', table: 'liveCounts' },
  { granularity: 'hour', table: 'rollups' },
  { granularity: 'day', table: 'rollups' },
];

export function countAddresses(
  scope: CountScope,
  locationOid: bigint,
  timestampMs: number,
  itemName: string,
  qualifier: string,
): CounterAddress[] {
  return SPEED_GRANULARITIES.map(({ granularity, table }) => {
    const bucketStartMs = bucketStart(timestampMs, granularity);
    return counterAddress(table, countRowKey({ granularity, scope, locationOid, bucketStartMs, itemName }), qualifier, bucketStartMs);
  });
}

/** Every cell one accepted event counts in: per item and in total, at its location and at location 0 (all). */
export function eventCountAddresses(locationOid: bigint, timestampMs: number, itemName: string, qualifier: string): CounterAddress[] {
  return [
    ...locationCountAddresses(locationOid, timestampMs, itemName, qualifier),
    ...locationCountAddresses(ALL_LOCATIONS, timestampMs, itemName, qualifier),
  ];
}

/** The cells of one event at one location (its own or ALL_LOCATIONS): per item, then in total. */
export function locationCountAddresses(locationOid: bigint, timestampMs: number, itemName: string, qualifier: string): CounterAddress[] {
  return [
    ...countAddresses('item', locationOid, timestampMs, itemName, qualifier),
    ...countAddresses('total', locationOid, timestampMs, '', qualifier),
  ];
}
