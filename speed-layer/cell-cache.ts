// The counter store's memory of cells: at most `maxCells` values, the cells
// written least recently forgotten first, in two generations. Writes go to the
// young map; when it holds half the budget it becomes the old one and the old
// one is dropped whole. A lookup reads young, then old. This replaces one big
// Map kept in write order by a delete and a set per write plus an eviction walk
// (three lookups in a map of up to 200,000 cells per write, the speed layer's
// costliest lines): a write is now one set in a map of half the size, an
// eviction is free. A forgotten cell is only re-read from HBase.

import type { PartitionCount } from '../common/contract';

export class CellCache {
  private young = new Map<string, PartitionCount>();
  private old = new Map<string, PartitionCount>();
  private readonly generationCells: number;

  /** `onForget`: handed each cell of a generation as it is dropped (a cell also in the young one included). */
  constructor(
    maxCells: number,
    private readonly onForget: (id: string) => void = () => {},
  ) {
    this.generationCells = Math.max(1, Math.floor(maxCells / 2));
  }

  get(id: string): PartitionCount | undefined {
    return this.young.get(id) ?? this.old.get(id);
  }

  has(id: string): boolean {
    return this.young.has(id) || this.old.has(id);
  }

  set(id: string, value: PartitionCount): void {
    if (this.young.size >= this.generationCells && !this.young.has(id)) {
      for (const forgotten of this.old.keys()) this.onForget(forgotten);
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(id, value);
  }

  /** Forgets everything without telling onForget (a rebalance: the owner starts from HBase again). */
  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }

  /** Cells held (a cell in both generations counts once per generation). */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
