// A map of counter cells keyed by each cell's small-integer key (counter-cell.ts
// cellKey) rather than its id string. V8 keeps a small integer unboxed, so a
// lookup that misses touches no string at all, and a new id string is never
// hashed: in a large map a string key cost about four times an integer one, and
// the per-chunk maps paid the hashing of every new id. Exact all the same: the
// cells that share a key are chained and told apart by id.

/** What a CellMap needs of a counter address. */
export interface CellRef {
  readonly id: string;
  readonly key: number;
}

interface Slot<V> extends CellRef {
  value: V;
  readonly next: Slot<V> | undefined;
}

export class CellMap<V> {
  private readonly slots = new Map<number, Slot<V>>();
  private cells = 0;

  get(cell: CellRef): V | undefined {
    for (let slot = this.slots.get(cell.key); slot !== undefined; slot = slot.next) if (slot.id === cell.id) return slot.value;
    return undefined;
  }

  has(cell: CellRef): boolean {
    for (let slot = this.slots.get(cell.key); slot !== undefined; slot = slot.next) if (slot.id === cell.id) return true;
    return false;
  }

  set(cell: CellRef, value: V): void {
    const first = this.slots.get(cell.key);
    for (let slot = first; slot !== undefined; slot = slot.next) {
      if (slot.id === cell.id) {
        slot.value = value;
        return;
      }
    }
    this.slots.set(cell.key, { id: cell.id, key: cell.key, value, next: first });
    this.cells++;
  }

  /** Cells held. */
  get size(): number {
    return this.cells;
  }

  /** Every cell and its value, in no particular order. */
  *entries(): IterableIterator<[CellRef, V]> {
    for (const first of this.slots.values()) {
      for (let slot: Slot<V> | undefined = first; slot !== undefined; slot = slot.next) yield [slot, slot.value];
    }
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }
}
