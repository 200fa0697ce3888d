// The counter store's memory of cells: at most `maxCells` values, the cells
// written least recently forgotten first, in two generations. Writes go to the
// young generation; when it holds half the budget it becomes the old one and
// the old one is dropped whole (and reused as the next young one). A lookup
// reads young, then old. A write is one set in a table of half the budget and
// an eviction is a reset. Each generation is a CellSlab (cell-slab.ts): typed
// arrays, about 70 bytes a cell. A forgotten cell is only re-read from HBase.

import type { PartitionCount } from '../common/contract';
import type { CellRef } from './cell-map';
import { CellSlab } from './cell-slab';

export class CellCache {
  private young: CellSlab;
  private old: CellSlab;

  /** `onForget`: handed the key of each cell of a generation as it is dropped (a cell also in the young one included). */
  constructor(
    maxCells: number,
    private readonly onForget: (key: number) => void = () => {},
  ) {
    const generationCells = Math.max(1, Math.floor(maxCells / 2));
    this.young = new CellSlab(generationCells);
    this.old = new CellSlab(generationCells);
  }

  get(cell: CellRef): PartitionCount | undefined {
    return this.young.get(cell) ?? this.old.get(cell);
  }

  set(cell: CellRef, value: PartitionCount): void {
    if (this.young.trySet(cell, value)) return;
    // Young is full and the cell new to it: young becomes old, old is forgotten and reused.
    this.old.forEachKey(this.onForget);
    this.old.clear();
    [this.old, this.young] = [this.young, this.old];
    this.young.trySet(cell, value);
  }

  /** Forgets everything without telling onForget (a rebalance: the owner starts from HBase again). */
  clear(): void {
    this.young.clear();
    this.old.clear();
  }

  /** Cells held (a cell in both generations counts once per generation). */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
