// The counter cells a chunk will touch, known before its detection rows'
// lineage is read: those of every valid event that is not a repeat inside the
// chunk. A few of them turn out to be duplicates of stored rows and count
// nowhere; reading their cells early costs a little, and lets the counter reads
// run side by side with the lineage read instead of after it. Pure.

import { partitionQualifier } from '../common/contract';
import type { Classified } from './classify-batch';
import { eventCountAddresses } from './count-addresses';
import type { CounterAddress } from './counter-cell';

export function likelyCounterAddresses(partition: number, classified: readonly Classified[]): CounterAddress[] {
  const qualifier = partitionQualifier(partition);
  const out: CounterAddress[] = [];
  for (const item of classified) {
    if (item.kind !== 'valid' || item.repeatInBatch) continue;
    const { geographicalLocationOid, timestampDetected, itemName } = item.event;
    for (const address of eventCountAddresses(geographicalLocationOid, timestampDetected, itemName, qualifier)) out.push(address);
  }
  return out;
}
