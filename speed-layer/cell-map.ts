// A map of counter cells keyed by each cell's small-integer key (counter-cell.ts
// cellKey) rather than its id string. V8 keeps a small integer unboxed, so a
// lookup that misses touches no string at all, and a new id string is never
// hashed: in a large map a string key cost about four times an integer one, and
// the per-chunk maps paid the hashing of every new id. Exact all the same: each
// key's first cell is checked by id, and a cell whose key another cell holds
// goes to a small map by id. Two maps by key rather than an object per cell.
// The per-chunk maps of the counter store are CellMaps; the cache keeps its
// cells in typed arrays instead (cell-slab.ts).

/** What a CellMap needs of a counter address. */
export interface CellRef {
  readonly id: string;
  readonly key: number;
}

export class CellMap<V> {
  private readonly ids = new Map<number, string>();
  private readonly valueOf = new Map<number, V>();
  /** The cells whose key another cell holds, by id: few, as keys are 30 bits. Never emptied, as no cell is removed. */
  private readonly clashes = new Map<string, V>();

  get(cell: CellRef): V | undefined {
    const id = this.ids.get(cell.key);
    if (id === cell.id) return this.valueOf.get(cell.key);
    return id === undefined || this.clashes.size === 0 ? undefined : this.clashes.get(cell.id);
  }

  has(cell: CellRef): boolean {
    const id = this.ids.get(cell.key);
    return id === cell.id || (id !== undefined && this.clashes.has(cell.id));
  }

  set(cell: CellRef, value: V): void {
    const id = this.ids.get(cell.key);
    if (id === undefined) this.ids.set(cell.key, cell.id);
    if (id === undefined || id === cell.id) {
      this.valueOf.set(cell.key, value);
      return;
    }
    this.clashes.set(cell.id, value);
  }

  /** Cells held. */
  get size(): number {
    return this.ids.size + this.clashes.size;
  }

  /** Every cell's value, in no particular order. */
  *values(): IterableIterator<V> {
    yield* this.valueOf.values();
    yield* this.clashes.values();
  }
}
