// The counter addresses of one chunk's events, each distinct one built once.
// A chunk's events share few (location, minute, item) triples, and the
// addresses are asked for twice (likely-counters.ts before the lineage read,
// plan-batch.ts after it): building 12 row keys and ids per event each time
// was a good part of the speed layer's CPU. Reusing the same address objects
// also reuses their id strings, whose hash V8 keeps, so the cache lookups by id
// cost no rehashing. Per chunk, so it stays small.

import { ALL_LOCATIONS, BUCKET_MS } from '../common/contract';
import { locationCountAddresses } from './count-addresses';
import type { CounterAddress } from './counter-cell';

export class CountAddressBook {
  private readonly perLocation = new Map<string, readonly CounterAddress[]>();
  private readonly allLocations = new Map<string, readonly CounterAddress[]>();

  constructor(private readonly qualifier: string) {}

  /** Same as eventCountAddresses(locationOid, timestampMs, itemName, qualifier): every bucket is a whole number of minutes. */
  addresses(locationOid: bigint, timestampMs: number, itemName: string): readonly CounterAddress[] {
    const minute = Math.floor(timestampMs / BUCKET_MS.minute);
    const key = `${minute}|${locationOid}|${itemName}`;
    let found = this.perLocation.get(key);
    if (!found) {
      found = [...locationCountAddresses(locationOid, timestampMs, itemName, this.qualifier), ...this.atAll(minute, timestampMs, itemName)];
      this.perLocation.set(key, found);
    }
    return found;
  }

  private atAll(minute: number, timestampMs: number, itemName: string): readonly CounterAddress[] {
    const key = `${minute}|${itemName}`;
    let found = this.allLocations.get(key);
    if (!found) this.allLocations.set(key, (found = locationCountAddresses(ALL_LOCATIONS, timestampMs, itemName, this.qualifier)));
    return found;
  }
}
