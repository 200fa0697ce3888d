// Step 2 of a batch, pure: given the classified messages, the lineage of the
// detection rows that already exist and the reference map, decide what each
// message is (new, our own earlier write, duplicate, dead letter) and what to
// write. First occurrence wins: a row created by another message makes this one
// a duplicate, even with a different payload.

import {
  enrichDetection,
  META_ROWS,
  partitionQualifier,
  qualityQualifier,
  type EnrichedDetection,
  type QualityCounter,
  type Rejection,
} from '../common/contract';
import type { Classified } from './classify-batch';
import type { ConsumedMessage } from './consumed-message';
import { counterAddress, type CounterAddress, type CounterContribution } from './counter-cell';
import { CountAddressBook } from './count-address-book';

export interface DeadLetter {
  readonly message: ConsumedMessage;
  readonly offset: bigint;
  readonly rejection: Rejection;
}

export interface BatchPlan {
  /** Rows to (re)write: new detections and replays of our own earlier writes. */
  readonly rows: EnrichedDetection[];
  readonly counters: CounterContribution[];
  readonly deadLetters: DeadLetter[];
  readonly figures: Readonly<Record<QualityCounter, number>>;
}

export interface PlanInput {
  readonly partition: number;
  readonly classified: readonly Classified[];
  /** Lineage cell ("<partition>:<offset>") of existing rows, by oid; absent = no row. */
  readonly existingLineage: ReadonlyMap<bigint, string>;
  readonly reference: ReadonlyMap<bigint, string>;
  readonly lateAfterMs: number;
  /** The chunk's counter addresses (likely-counters.ts asked for the same ones); a new book when absent. */
  readonly addresses?: CountAddressBook;
}

const QUALITY_ROW = Buffer.from(META_ROWS.quality, 'utf8');

export function planBatch(input: PlanInput): BatchPlan {
  const { partition } = input;
  const rows: EnrichedDetection[] = [];
  const deadLetters: DeadLetter[] = [];
  const counters = new Map<string, CounterContribution>();
  const figures: Record<QualityCounter, number> = { accepted: 0, duplicates: 0, dead_letters: 0, late: 0, unknown_location: 0 };
  const book = input.addresses ?? new CountAddressBook(partitionQualifier(partition));
  const qualityAddresses = new Map<QualityCounter, CounterAddress>();

  const contribute = (address: CounterAddress, offset: bigint): void => {
    let entry = counters.get(address.id);
    if (!entry) counters.set(address.id, (entry = { address, offsets: [] }));
    entry.offsets.push(offset);
  };
  const quality = (counter: QualityCounter, offset: bigint): void => {
    figures[counter]++;
    let address = qualityAddresses.get(counter);
    if (!address) qualityAddresses.set(counter, (address = counterAddress('meta', QUALITY_ROW, qualityQualifier(counter, partition), 0)));
    contribute(address, offset);
  };

  for (const item of input.classified) {
    if (item.kind === 'invalid') {
      deadLetters.push({ message: item.message, offset: item.offset, rejection: item.rejection });
      quality('dead_letters', item.offset);
      continue;
    }
    const lineage = `${partition}:${item.message.offset}`;
    const existing = input.existingLineage.get(item.event.detectionOid);
    if (item.repeatInBatch || (existing !== undefined && existing !== lineage)) {
      quality('duplicates', item.offset);
      continue;
    }
    const row = enrichDetection(item.event, input.reference, { partition, offset: item.message.offset });
    rows.push(row);
    quality('accepted', item.offset);
    if (!row.locationKnown) quality('unknown_location', item.offset);
    if (item.message.timestampMs - row.timestampDetected > input.lateAfterMs) quality('late', item.offset);
    for (const address of book.addresses(row.geographicalLocationOid, row.timestampDetected, row.itemName))
      contribute(address, item.offset);
  }
  return { rows, counters: [...counters.values()], deadLetters, figures };
}
