// The counter store's memory of cells: at most `maxCells` values, the cells
// written least recently forgotten first, in two generations. Writes go to the
// young map; when it holds half the budget it becomes the old one and the old
// one is dropped whole. A lookup reads young, then old. This replaces one big
// Map kept in write order by a delete and a set per write plus an eviction walk
// (three lookups in a map of up to 200,000 cells per write, the speed layer's
// costliest lines): a write is now one set in a map of half the size, an
// eviction is free. The maps are keyed by cell key, not id (cell-map.ts). A
// forgotten cell is only re-read from HBase.

import type { PartitionCount } from '../common/contract';
import { CellMap, type CellRef } from './cell-map';

export class CellCache {
  private young = new CellMap<PartitionCount>();
  private old = new CellMap<PartitionCount>();
  private readonly generationCells: number;

  /** `onForget`: handed each cell of a generation as it is dropped (a cell also in the young one included). */
  constructor(
    maxCells: number,
    private readonly onForget: (cell: CellRef) => void = () => {},
  ) {
    this.generationCells = Math.max(1, Math.floor(maxCells / 2));
  }

  get(cell: CellRef): PartitionCount | undefined {
    return this.young.get(cell) ?? this.old.get(cell);
  }

  set(cell: CellRef, value: PartitionCount): void {
    if (this.young.size >= this.generationCells && !this.young.has(cell)) {
      for (const [forgotten] of this.old.entries()) this.onForget(forgotten);
      this.old = this.young;
      this.young = new CellMap();
    }
    this.young.set(cell, value);
  }

  /** Forgets everything without telling onForget (a rebalance: the owner starts from HBase again). */
  clear(): void {
    this.young = new CellMap();
    this.old = new CellMap();
  }

  /** Cells held (a cell in both generations counts once per generation). */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
