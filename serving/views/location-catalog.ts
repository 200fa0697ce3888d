// The locations of Dataset B for search and names (10k rows is a few hundred
// KB), sorted by name. The current version is re-checked at most every few
// seconds (common/reference reloads the names only when it changes), and the
// sorted list is rebuilt only then.

import type { CurrentReference } from '../../common/reference';

export interface Location {
  readonly oid: bigint;
  readonly name: string;
}

interface Loaded {
  readonly version: string | null;
  readonly byOid: ReadonlyMap<bigint, string>;
  /** Sorted by name, then oid. */
  readonly sorted: readonly (Location & { readonly folded: string })[];
}

export interface LocationPage {
  readonly version: string | null;
  readonly total: number;
  readonly items: readonly Location[];
}

export class LocationCatalog {
  private loaded: Loaded = { version: null, byOid: new Map(), sorted: [] };
  private checkedAt = -Infinity;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly reference: CurrentReference,
    private readonly recheckMs = 2_000,
  ) {}

  async search(query: string | undefined, offset: number, limit: number): Promise<LocationPage> {
    const { version, sorted } = await this.current();
    const needle = query?.toLowerCase();
    const matches = needle === undefined ? sorted : sorted.filter((l) => l.folded.includes(needle));
    return { version, total: matches.length, items: matches.slice(offset, offset + limit).map(({ oid, name }) => ({ oid, name })) };
  }

  async nameOf(oid: bigint): Promise<string | null> {
    return (await this.current()).byOid.get(oid) ?? null;
  }

  private async current(): Promise<Loaded> {
    if (Date.now() - this.checkedAt > this.recheckMs) {
      this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
      await this.refreshing;
    }
    return this.loaded;
  }

  private async refresh(): Promise<void> {
    const current = await this.reference.read();
    const version = current.version ?? null;
    if (version !== this.loaded.version) {
      const byOid = current.names;
      const sorted = [...byOid].map(([oid, name]) => ({ oid, name, folded: name.toLowerCase() }));
      sorted.sort((a, b) => (a.folded < b.folded ? -1 : a.folded > b.folded ? 1 : a.oid < b.oid ? -1 : a.oid > b.oid ? 1 : 0));
      this.loaded = { version, byOid, sorted };
    }
    this.checkedAt = Date.now();
  }
}
