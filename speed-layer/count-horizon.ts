// What the speed layer knows of its partitions' count horizons
// (common/contract/count-horizon.ts): a counter cell whose bucket starts after
// the horizon read at claim time was written by no one but this owner, since
// its claim. The counter store then knows such a cell without reading it: what
// its cache holds, what it forgot (a Bloom filter says "maybe": read it), or
// nothing.
//
// Why no one else wrote it: every writer raises the stored horizon before it
// writes a cell beyond it, and a predecessor's writes that its committed
// offsets cover happened before that commit, which happened before this claim.
// A cell beyond the horizon can only hold what a zombie predecessor wrote after
// it, counting offsets from the same committed offset this owner counts from:
// both are absolute counts of a prefix of the same messages, and the higher
// timestamp (the larger count, partition-count.ts) keeps the fuller one, as it
// does for any zombie write. The nightly reconciliation raises the horizon
// before creating a cell, for the next owner; the present one, if it counts a
// late event into that very cell, writes a smaller count that the correction's
// shadows until the next night corrects the day again.

import type { HBaseTables } from '../common/hbase';
import {
  COUNT_HORIZON_BASE_QUALIFIER,
  COUNT_HORIZON_ROW,
  countHorizonPut,
  decodeCountHorizon,
  DEFAULT_MAX_FUTURE_MS,
  FAMILIES,
  partitionQualifier,
} from '../common/contract';
import { cellValue } from '../common/hbase';
import type { CounterAddress } from './counter-cell';

/** How far beyond the newest bucket a raise reaches: one meta write per partition every ten minutes of event time. */
export const COUNT_HORIZON_STEP_MS = 10 * 60_000;

const HORIZON_ROW = Buffer.from(COUNT_HORIZON_ROW);

interface PartitionHorizon {
  /** No cell of the partition starts after this: the stored horizon at claim time, then the newest bucket this owner wrote. */
  known: number;
  /** Cells starting after this were written by this owner alone, since its claim: `known` at claim time, or when it last forgot its own writes. */
  ownSince: number;
  /** The horizon stored in meta (undefined: none), raised before a cell beyond it is written. */
  stored: number | undefined;
}

export class CountHorizon {
  /** By partition qualifier ("p<n>"), the key counter addresses carry. */
  private readonly partitions = new Map<string, PartitionHorizon>();

  constructor(
    private readonly store: HBaseTables,
    private readonly metaTable: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads the partition's horizon: once per assignment, after its earlier owners are fenced and its committed offset read. */
  async claim(partition: number): Promise<void> {
    const qualifier = partitionQualifier(partition);
    const row = await this.store.get(this.metaTable, HORIZON_ROW, { families: [FAMILIES.meta] });
    const stored =
      decodeCountHorizon(cellValue(row, FAMILIES.meta, qualifier)) ??
      decodeCountHorizon(cellValue(row, FAMILIES.meta, COUNT_HORIZON_BASE_QUALIFIER));
    // No horizon on record (tables written before horizons existed): a cell may
    // lie as far ahead as validation lets an event time be.
    const known = stored ?? this.now() + DEFAULT_MAX_FUTURE_MS;
    this.partitions.set(qualifier, { known, ownSince: known, stored });
  }

  /**
   * True for a live count or roll-up cell that no one but this owner has
   * written, and only since its claim: its bucket starts after the horizon read
   * then. Such a cell holds what this owner wrote into it, or nothing.
   */
  ownedSinceClaim(address: CounterAddress): boolean {
    if (address.table === 'meta') return false;
    const horizon = this.partitions.get(address.qualifier);
    return horizon !== undefined && address.timestamp > horizon.ownSince;
  }

  /** When the owner can no longer tell which cells it wrote: from now on only those beyond every cell written so far are its alone. */
  forgetOwnWrites(): void {
    for (const horizon of this.partitions.values()) horizon.ownSince = horizon.known;
  }

  /** Before writing `addresses` of `partition`: raises the stored horizon over them if it falls short. */
  async cover(partition: number, addresses: Iterable<CounterAddress>): Promise<void> {
    let newest = -Infinity;
    for (const address of addresses) if (address.table !== 'meta' && address.timestamp > newest) newest = address.timestamp;
    if (newest === -Infinity) return;
    const qualifier = partitionQualifier(partition);
    if (!this.partitions.has(qualifier)) await this.claim(partition);
    const horizon = this.partitions.get(qualifier) as PartitionHorizon;
    if (horizon.stored === undefined || newest > horizon.stored) {
      const raised = Math.max(newest, horizon.known) + COUNT_HORIZON_STEP_MS;
      await this.store.put(this.metaTable, countHorizonPut([[qualifier, raised]]));
      horizon.stored = raised;
    }
    if (newest > horizon.known) horizon.known = newest;
  }

  /** After a rebalance: every partition is claimed again. */
  clear(): void {
    this.partitions.clear();
  }
}
