// The data contract's top-X: per location, count distinct detection_oid per
// item, rank by count descending, ties by item_name ascending (code-unit
// order, as Spark and DuckDB compare UTF-8 strings byte-wise for the BMP),
// row_number ranks 1..X with no gaps. Pure.

export interface TopItem {
  readonly locationOid: bigint;
  readonly locationName: string | null;
  readonly rank: number;
  readonly itemName: string;
  readonly count: number;
}

export function topX(locationOid: bigint, locationName: string | null, counts: ReadonlyMap<string, number>, x: number): TopItem[] {
  return [...counts.entries()]
    .sort((a, b) => (b[1] !== a[1] ? b[1] - a[1] : compareText(a[0], b[0])))
    .slice(0, x)
    .map(([itemName, count], i) => ({ locationOid, locationName, rank: i + 1, itemName, count }));
}

/** UTF-8 byte order (what Spark, DuckDB and pyarrow sort by), not UTF-16 code-unit order. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
