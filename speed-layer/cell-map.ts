// A map of counter cells keyed by each cell's small-integer key (counter-cell.ts
// cellKey) rather than its id string. V8 keeps a small integer unboxed, so a
// lookup that misses touches no string at all, and a new id string is never
// hashed: in a large map a string key cost about four times an integer one, and
// the per-chunk maps paid the hashing of every new id. Exact all the same: each
// key's first cell is checked by id, and a cell whose key another cell holds
// goes to a small map by id. Two maps by key rather than an object per cell:
// the cache holds 200,000 cells, and an object each cost 10 MB more.

/** What a CellMap needs of a counter address. */
export interface CellRef {
  readonly id: string;
  readonly key: number;
}

export class CellMap<V> {
  private readonly ids = new Map<number, string>();
  private readonly valueOf = new Map<number, V>();
  /** The cells whose key another cell holds, by id: about one in 5,000 when 200,000 are held. Never emptied, as no cell is removed. */
  private readonly clashes = new Map<string, { readonly cell: CellRef; value: V }>();

  get(cell: CellRef): V | undefined {
    const id = this.ids.get(cell.key);
    if (id === cell.id) return this.valueOf.get(cell.key);
    return id === undefined || this.clashes.size === 0 ? undefined : this.clashes.get(cell.id)?.value;
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
    const clash = this.clashes.get(cell.id);
    if (clash) clash.value = value;
    else this.clashes.set(cell.id, { cell: { id: cell.id, key: cell.key }, value });
  }

  /** Cells held. */
  get size(): number {
    return this.ids.size + this.clashes.size;
  }

  /** Every cell and its value, in no particular order. */
  *entries(): IterableIterator<[CellRef, V]> {
    for (const [key, id] of this.ids) yield [{ id, key }, this.valueOf.get(key) as V];
    for (const { cell, value } of this.clashes.values()) yield [cell, value];
  }

  /** Every cell's value, in no particular order. */
  *values(): IterableIterator<V> {
    yield* this.valueOf.values();
    for (const { value } of this.clashes.values()) yield value;
  }
}
