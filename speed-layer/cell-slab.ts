// One generation of the counter cache (cell-cache.ts): up to `capacity` cells
// and their values in typed arrays, where a Map entry, an id string and a value
// object cost about 210 bytes a cell together. Open addressing on the cell key
// (counter-cell.ts cellKey, already a hash) with linear probing; a slot's cell
// is told apart by its id, kept as latin1 bytes in one arena, so the slab is
// exact whatever keys cells share. About 70 bytes a cell, none of them traced
// by the garbage collector, and a generation is dropped by resetting it: the
// cache can hold the hour and day cells a caught-up speed layer meets again
// minutes later, instead of reading them back from HBase. An id beyond latin1
// (a qualifier outside it; never a row, whose bytes are latin1 by
// construction) goes to a small map.

import type { PartitionCount } from '../common/contract';
import type { CellRef } from './cell-map';
import { isLatin1 } from './counter-cell';

/** Arena bytes reserved per cell at first: a count id is 18-28 bytes for short item names; the arena grows for longer ones. */
const ID_BYTES_PER_CELL = 32;

export class CellSlab {
  /** Entry index + 1 per slot, 0 for a free one; twice the capacity or more, a power of two. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly keys: Int32Array;
  private readonly counts: BigInt64Array;
  private readonly lastOffsets: BigInt64Array;
  /** Entry e's id is arena[idStart[e], idStart[e + 1]). */
  private readonly idStart: Int32Array;
  private arena: Buffer;
  private entries = 0;
  /** Cells whose id is beyond latin1, by id (their key checked as a slot's is). */
  private readonly wide = new Map<string, { readonly key: number; value: PartitionCount }>();

  constructor(readonly capacity: number) {
    let size = 2;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.keys = new Int32Array(capacity);
    this.counts = new BigInt64Array(capacity);
    this.lastOffsets = new BigInt64Array(capacity);
    this.idStart = new Int32Array(capacity + 1);
    this.arena = Buffer.allocUnsafe(capacity * ID_BYTES_PER_CELL);
  }

  /** Cells held. */
  get size(): number {
    return this.entries + this.wide.size;
  }

  get(cell: CellRef): PartitionCount | undefined {
    const entry = (this.slots[this.slotOf(cell)] as number) - 1;
    if (entry >= 0) return { count: this.counts[entry] as bigint, lastOffset: this.lastOffsets[entry] as bigint };
    return this.wideOf(cell)?.value;
  }

  /** Sets a cell's value; false, and nothing set, when the cell is new and the slab full. */
  trySet(cell: CellRef, value: PartitionCount): boolean {
    const slot = this.slotOf(cell);
    let entry = (this.slots[slot] as number) - 1;
    if (entry < 0) {
      const wide = this.wideOf(cell);
      if (wide) {
        wide.value = value;
        return true;
      }
      if (this.size >= this.capacity) return false;
      if (!isLatin1(cell.id)) {
        this.wide.set(cell.id, { key: cell.key, value });
        return true;
      }
      entry = this.entries++;
      this.keys[entry] = cell.key;
      this.storeId(entry, cell.id);
      this.slots[slot] = entry + 1;
    }
    this.counts[entry] = value.count;
    this.lastOffsets[entry] = value.lastOffset;
    return true;
  }

  /** Hands every held cell's key to `visit` (the filter of forgotten cells needs no more). */
  forEachKey(visit: (key: number) => void): void {
    for (let e = 0; e < this.entries; e++) visit(this.keys[e] as number);
    for (const { key } of this.wide.values()) visit(key);
  }

  /** Forgets every cell, keeping the memory for the next generation. */
  clear(): void {
    if (this.entries > 0) this.slots.fill(0);
    this.entries = 0;
    this.wide.clear();
  }

  private wideOf(cell: CellRef): { readonly key: number; value: PartitionCount } | undefined {
    if (this.wide.size === 0) return undefined;
    const wide = this.wide.get(cell.id);
    return wide?.key === cell.key ? wide : undefined;
  }

  /** The slot holding `cell`, or the free slot where it would go. */
  private slotOf(cell: CellRef): number {
    const { key, id } = cell;
    let slot = key & this.mask;
    for (;;) {
      const entry = (this.slots[slot] as number) - 1;
      if (entry < 0 || (this.keys[entry] === key && this.idEquals(entry, id))) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private idEquals(entry: number, id: string): boolean {
    const start = this.idStart[entry] as number;
    if ((this.idStart[entry + 1] as number) - start !== id.length) return false;
    // A character beyond latin1 equals no stored byte, so a wide id never matches a slot.
    for (let i = 0; i < id.length; i++) if (this.arena[start + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  private storeId(entry: number, id: string): void {
    const start = this.idStart[entry] as number;
    if (start + id.length > this.arena.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.arena.length * 2, start + id.length));
      this.arena.copy(grown, 0, 0, start);
      this.arena = grown;
    }
    this.arena.write(id, start, 'latin1');
    this.idStart[entry + 1] = start + id.length;
  }
}
