// An open-addressing hash table from non-negative integer ids (below 2^53) to
// dense slots 0, 1, 2, ... in typed arrays: a Map<number, number> boxes every
// id above 2^30 and its garbage collection was a third of the views' CPU.

const EMPTY = -1;
const INITIAL_CAPACITY = 1 << 12;

export class SlotTable {
  private ids = new Float64Array(INITIAL_CAPACITY);
  private slots = new Int32Array(INITIAL_CAPACITY).fill(EMPTY);
  private mask = INITIAL_CAPACITY - 1;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The slot of `id`, undefined if absent. */
  get(id: number): number | undefined {
    for (let at = hash(id) & this.mask; ; at = (at + 1) & this.mask) {
      const slot = this.slots[at] as number;
      if (slot === EMPTY) return undefined;
      if (this.ids[at] === id) return slot;
    }
  }

  /** The slot of `id`, given the next free slot (size) when new. */
  getOrAdd(id: number): number {
    for (let at = hash(id) & this.mask; ; at = (at + 1) & this.mask) {
      const slot = this.slots[at] as number;
      if (slot === EMPTY) {
        const added = this.count++;
        this.ids[at] = id;
        this.slots[at] = added;
        if (this.count * 2 > this.mask) this.grow();
        return added;
      }
      if (this.ids[at] === id) return slot;
    }
  }

  private grow(): void {
    const { ids, slots } = this;
    this.ids = new Float64Array(ids.length * 2);
    this.slots = new Int32Array(ids.length * 2).fill(EMPTY);
    this.mask = ids.length * 2 - 1;
    for (let i = 0; i < ids.length; i++) {
      const slot = slots[i] as number;
      if (slot === EMPTY) continue;
      let at = hash(ids[i] as number) & this.mask;
      while (this.slots[at] !== EMPTY) at = (at + 1) & this.mask;
      this.ids[at] = ids[i] as number;
      this.slots[at] = slot;
    }
  }
}

/** Mixes both 32-bit halves of the id (murmur3's finaliser). */
function hash(id: number): number {
  let h = (id >>> 0) ^ Math.imul(Math.floor(id / 4294967296), 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
