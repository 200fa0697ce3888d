// First occurrence wins: of all landed copies of one detection_oid, keep the
// one Kafka received first. Producers key by oid, so all copies sit in one
// partition and the lowest offset is the first; (partition, offset) is
// compared anyway so a re-partitioned topic still yields one stable winner.

import type { LandingRow } from '../schema/landing-row';

export interface DedupResult {
  readonly rows: LandingRow[];
  /** Distinct Kafka messages (partition, offset) among the input. */
  readonly messages: number;
  /** Messages dropped as later copies of an oid already seen. */
  readonly duplicates: number;
}

/**
 * The same message read twice (same partition and offset: a recompaction reads
 * the earlier warehouse rows next to landing files) is one message, not a duplicate.
 */
export function dedupFirstOccurrence(rows: readonly LandingRow[]): DedupResult {
  const best = new Map<bigint, LandingRow>();
  let sameMessage = 0;
  for (const row of rows) {
    const seen = best.get(row.detectionOid);
    if (seen !== undefined && seen.partition === row.partition && seen.offset === row.offset) sameMessage++;
    else if (seen === undefined || earlier(row, seen)) best.set(row.detectionOid, row);
  }
  const messages = rows.length - sameMessage;
  return { rows: [...best.values()], messages, duplicates: messages - best.size };
}

function earlier(a: LandingRow, b: LandingRow): boolean {
  return a.partition !== b.partition ? a.partition < b.partition : a.offset < b.offset;
}
