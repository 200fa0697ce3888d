// Top-X with the data contract's semantics: count distinct detection_oid per
// item_name (the views already hold distinct counts), rank by count
// descending, ties by item_name ascending, ranks 1..X with no gaps
// (row_number). Names compare by their UTF-8 bytes, the order Spark and Hive
// use for strings, so our ranks equal theirs also beyond the BMP.

export interface RankedItem {
  readonly rank: number;
  readonly itemName: string;
  readonly count: bigint;
}

/** Adds item counts of several sources (the batch part and the speed part of a range). */
export function sumItemCounts(...sources: ReadonlyMap<string, bigint>[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const source of sources) for (const [item, count] of source) out.set(item, (out.get(item) ?? 0n) + count);
  return out;
}

export function rankTopItems(counts: ReadonlyMap<string, bigint>, limit: number): RankedItem[] {
  const entries = [...counts]
    .filter(([, count]) => count > 0n)
    .map(([itemName, count]) => ({ itemName, count, bytes: Buffer.from(itemName, 'utf8') }));
  entries.sort((a, b) => (a.count === b.count ? Buffer.compare(a.bytes, b.bytes) : a.count > b.count ? -1 : 1));
  return entries.slice(0, limit).map((entry, index) => ({ rank: index + 1, itemName: entry.itemName, count: entry.count }));
}
