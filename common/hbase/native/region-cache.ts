// Where each region of a table lives: per table, regions sorted by start key, found by
// binary search. Entries are dropped when a call says the region moved, split or is
// opening elsewhere; the next lookup re-reads hbase:meta for that row only.

export interface RegionLocation {
  /** The region's row in hbase:meta (sent as the RegionSpecifier). */
  readonly name: Buffer;
  readonly startKey: Buffer;
  /** Exclusive; empty for the last region. */
  readonly endKey: Buffer;
  /** host:port of the region server. */
  readonly server: string;
}

export function regionContains(region: RegionLocation, row: Buffer): boolean {
  return Buffer.compare(region.startKey, row) <= 0 && (region.endKey.length === 0 || Buffer.compare(row, region.endKey) < 0);
}

class TableRegions {
  /** Sorted by start key, never overlapping. */
  regions: RegionLocation[] = [];

  /** Position of the last region whose start key is <= row, or -1. */
  private floor(row: Buffer): number {
    let low = 0;
    let high = this.regions.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (Buffer.compare((this.regions[mid] as RegionLocation).startKey, row) <= 0) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }

  find(row: Buffer): RegionLocation | undefined {
    const at = this.floor(row);
    if (at < 0) return undefined;
    const region = this.regions[at] as RegionLocation;
    return regionContains(region, row) ? region : undefined;
  }

  add(region: RegionLocation): void {
    // Drop every cached region overlapping the new one (a split or merge happened).
    this.regions = this.regions.filter(
      (r) =>
        !(
          (r.endKey.length === 0 || Buffer.compare(region.startKey, r.endKey) < 0) &&
          (region.endKey.length === 0 || Buffer.compare(r.startKey, region.endKey) < 0)
        ),
    );
    const at = this.floor(region.startKey);
    this.regions.splice(at + 1, 0, region);
  }

  remove(region: RegionLocation): void {
    const at = this.regions.indexOf(region);
    if (at >= 0) this.regions.splice(at, 1);
  }
}

export class RegionCache {
  private readonly tables = new Map<string, TableRegions>();

  find(table: string, row: Buffer): RegionLocation | undefined {
    return this.tables.get(table)?.find(row);
  }

  add(table: string, region: RegionLocation): void {
    let regions = this.tables.get(table);
    if (!regions) {
      regions = new TableRegions();
      this.tables.set(table, regions);
    }
    regions.add(region);
  }

  /** Forget a region (it moved, split or its server went away). */
  invalidate(table: string, region: RegionLocation): void {
    this.tables.get(table)?.remove(region);
  }

  /** Forget every region of a server (its connection failed). */
  invalidateServer(server: string): void {
    for (const regions of this.tables.values()) regions.regions = regions.regions.filter((r) => r.server !== server);
  }

  size(table: string): number {
    return this.tables.get(table)?.regions.length ?? 0;
  }
}
