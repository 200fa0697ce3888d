// The (location, scope, item) triples of a day's count cells, each numbered
// once: a row's cells are then found by small numbers (pair, granularity,
// bucket) instead of a count row key built and hashed per row and cell, which
// was most of the views' CPU (about 18k rows/s). Row keys (count-key.ts) are
// built only when a cell is written or compared with HBase.

import { countRowKey, type CountGranularity, type CountScope } from '../../common/contract';

interface LocationPairs {
  total: number;
  readonly items: Map<string, number>;
}

export class CountPairs {
  readonly locations: bigint[] = [];
  readonly scopes: CountScope[] = [];
  /** The item of an item pair, '' for a total pair. */
  readonly items: string[] = [];
  /** Rows counted under each pair. */
  readonly rows: number[] = [];
  private readonly byLocation = new Map<bigint, LocationPairs>();
  private readonly itemBytes: (Buffer | undefined)[] = [];

  get size(): number {
    return this.locations.length;
  }

  /** The item pair of a location and item, numbered on first sight. */
  itemPair(location: bigint, itemName: string): number {
    const pairs = this.pairsOf(location);
    let pair = pairs.items.get(itemName);
    if (pair === undefined) {
      pair = this.push(location, 'item', itemName);
      pairs.items.set(itemName, pair);
    }
    return pair;
  }

  /** The total pair of a location, numbered on first sight. */
  totalPair(location: bigint): number {
    const pairs = this.pairsOf(location);
    if (pairs.total < 0) pairs.total = this.push(location, 'total', '');
    return pairs.total;
  }

  countRow(pair: number): void {
    this.rows[pair] = (this.rows[pair] as number) + 1;
  }

  /** The pair of a triple, undefined if it was never numbered. */
  find(location: bigint, scope: CountScope, itemName: string): number | undefined {
    const pairs = this.byLocation.get(location);
    if (!pairs) return undefined;
    if (scope === 'item') return pairs.items.get(itemName);
    return pairs.total < 0 ? undefined : pairs.total;
  }

  /** The item's UTF-8 bytes as count row keys hold them (empty for a total pair). */
  itemKeyBytes(pair: number): Buffer {
    let bytes = this.itemBytes[pair];
    if (bytes === undefined) this.itemBytes[pair] = bytes = Buffer.from(this.items[pair] as string, 'utf8');
    return bytes;
  }

  rowKey(pair: number, granularity: CountGranularity, bucketStartMs: number): Buffer {
    return countRowKey({
      granularity,
      scope: this.scopes[pair] as CountScope,
      locationOid: this.locations[pair] as bigint,
      bucketStartMs,
      itemName: this.items[pair] as string,
    });
  }

  private pairsOf(location: bigint): LocationPairs {
    let pairs = this.byLocation.get(location);
    if (!pairs) this.byLocation.set(location, (pairs = { total: -1, items: new Map() }));
    return pairs;
  }

  private push(location: bigint, scope: CountScope, itemName: string): number {
    this.locations.push(location);
    this.scopes.push(scope);
    this.items.push(itemName);
    this.rows.push(0);
    this.itemBytes.push(undefined);
    return this.locations.length - 1;
  }
}
