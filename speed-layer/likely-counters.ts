// The counter cells a chunk will touch, known before its detection rows'
// lineage is read: those of every valid event that is not a repeat inside the
// chunk. A few of them turn out to be duplicates of stored rows and count
// nowhere; reading their cells early costs a little, and lets the counter reads
// run side by side with the lineage read instead of after it. Pure.

import { partitionQualifier } from '../common/contract';
import type { Classified } from './classify-batch';
import { CountAddressBook } from './count-address-book';
import type { CounterAddress } from './counter-cell';

/**
 * Each address once (the counter store looks every one up in its cache, the
 * costliest lookups of a chunk). `book`: the chunk's addresses, shared with
 * planBatch so each is built once; it hands the same objects for the same
 * cells, so they are told apart by identity, not by id.
 */
export function likelyCounterAddresses(
  partition: number,
  classified: readonly Classified[],
  book = new CountAddressBook(partitionQualifier(partition)),
): CounterAddress[] {
  const events = new Set<readonly CounterAddress[]>();
  const out = new Set<CounterAddress>();
  for (const item of classified) {
    if (item.kind !== 'valid' || item.repeatInBatch) continue;
    const { geographicalLocationOid, timestampDetected, itemName } = item.event;
    const addresses = book.addresses(geographicalLocationOid, timestampDetected, itemName);
    if (events.has(addresses)) continue;
    events.add(addresses);
    for (const address of addresses) out.add(address);
  }
  return [...out];
}
