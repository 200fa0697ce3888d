// applyChunk: one chunk of one partition's Kafka batch applied to HBase, except dead
// letters and the offset commit (batch-handler.ts): classify, look up existing rows,
// plan (dedup, enrichment, counts), write HBase.
// Every step is idempotent, so the whole of it can be retried or replayed.

import { partitionQualifier } from '../common/contract';
import type { HBaseTables } from '../common/hbase';
import { CountAddressBook } from './count-address-book';
import { batchOids, classifyBatch, type RejectedMessages } from './classify-batch';
import type { ConsumedMessage } from './consumed-message';
import type { CounterStore } from './counter-store';
import { detectionMutations, readLineage } from './detection-rows';
import { likelyCounterAddresses } from './likely-counters';
import { planBatch, type BatchPlan } from './plan-batch';
import type { BroadcastReference } from './broadcast-reference';
import type { SpeedTables } from './speed-tables';

export interface ApplyChunkDeps {
  readonly store: HBaseTables;
  readonly tables: SpeedTables;
  readonly counters: CounterStore;
  /** Only its current names are read (a BroadcastReference in the speed layer). */
  readonly reference: Pick<BroadcastReference, 'locations'>;
  readonly lateAfterMs: number;
}

export async function applyChunk(
  deps: ApplyChunkDeps,
  partition: number,
  messages: readonly ConsumedMessage[],
  beforeWrite: () => void,
  rejected?: RejectedMessages,
): Promise<BatchPlan> {
  const classified = classifyBatch(messages, rejected);
  const oids = batchOids(classified);
  const addresses = new CountAddressBook(partitionQualifier(partition));
  // The counter cells are read side by side with the lineage (one round trip fewer per chunk).
  const [existingLineage, counterCells] = await Promise.all([
    oids.length > 0 ? readLineage(deps.store, deps.tables.detections, oids) : new Map<bigint, string>(),
    deps.counters.read(likelyCounterAddresses(partition, classified, addresses)),
  ]);
  const plan = planBatch({
    partition,
    classified,
    existingLineage,
    reference: deps.reference.locations,
    lateAfterMs: deps.lateAfterMs,
    addresses,
  });
  const updates = await deps.counters.updates(plan.counters, counterCells);

  beforeWrite();
  const { detections, recent } = detectionMutations(plan.rows);
  const counterPuts = deps.counters.mutations(updates);
  await deps.counters.cover(partition, updates);
  await Promise.all([
    deps.store.puts(deps.tables.detections, detections),
    deps.store.puts(deps.tables.recent, recent),
    ...[...counterPuts].map(([table, mutations]) => deps.store.puts(table, mutations)),
  ]);
  beforeWrite(); // a rebalance during the writes: the next owner re-reads the cells from HBase
  deps.counters.commit(updates);
  return plan;
}
