// The counter cells a chunk will touch, known before its detection rows'
// lineage is read: those of every valid event that is not a repeat inside the
// chunk. A few of them turn out to be duplicates of stored rows and count
// nowhere; reading their cells early costs a little, and lets the counter reads
// run side by side with the lineage read instead of after it. Pure.

import { partitionQualifier } from '../common/contract';
import type { Classified } from './classify-batch';
import { CountAddressBook } from './count-address-book';
import type { CounterAddress } from './counter-cell';

/** `book`: the chunk's addresses, shared with planBatch so each is built once. */
export function likelyCounterAddresses(
  partition: number,
  classified: readonly Classified[],
  book = new CountAddressBook(partitionQualifier(partition)),
): CounterAddress[] {
  const out: CounterAddress[] = [];
  for (const item of classified) {
    if (item.kind !== 'valid' || item.repeatInBatch) continue;
    const { geographicalLocationOid, timestampDetected, itemName } = item.event;
    for (const address of book.addresses(geographicalLocationOid, timestampDetected, itemName)) out.push(address);
  }
  return out;
}
