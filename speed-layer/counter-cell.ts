// One per-partition counter cell (partition-count.ts layout) and the pure rule
// that makes counting exactly-once: a message counts in a cell only if its
// offset is above the last offset that cell has already absorbed.

import type { PartitionCount } from '../common/contract';

/** liveCounts: minute counts; rollups: their hour and day roll-ups; meta: the quality counters. */
export type CounterTable = 'liveCounts' | 'rollups' | 'meta';

export interface CounterAddress {
  readonly table: CounterTable;
  readonly row: Buffer;
  readonly qualifier: string;
  /** Base of the cell timestamp (a live count's bucket start, keeping TTLs tied to event time); see partitionCountTimestamp. */
  readonly timestamp: number;
  /** counterId() of this address, built once: the plan keys cells by it, and the cache compares it on a hit. */
  readonly id: string;
  /** cellKey() of this address, built once: the cache, the chunk's cell maps and the forgotten-cell filter key by it (cell-map.ts). */
  readonly key: number;
}

/** The contributions of one batch to one cell, offsets ascending. */
export interface CounterContribution {
  readonly address: CounterAddress;
  readonly offsets: bigint[];
}

export function counterAddress(table: CounterTable, row: Buffer, qualifier: string, timestamp: number): CounterAddress {
  return { table, row, qualifier, timestamp, id: counterId({ table, row, qualifier }), key: cellKey(table, row, qualifier) };
}

/** One character per table, so ids stay short (they are only ever compared in memory). */
const TABLE_CODE: Readonly<Record<CounterTable, string>> = { liveCounts: 'c', rollups: 'r', meta: 'm' };

/** Where ids are assembled: one latin1 slice of it is one flat string. */
let idScratch = Buffer.allocUnsafe(256);

/**
 * The table code, the row's bytes (one character each), '|' and the
 * qualifier, as one flat string: a template would make a rope of four
 * strings, which a chunk's CellMaps keep whole as they never hash the id.
 */
export function counterId(address: Pick<CounterAddress, 'table' | 'row' | 'qualifier'>): string {
  const { table, row, qualifier } = address;
  const length = row.length + qualifier.length + 2;
  if (!isLatin1(qualifier)) return `${TABLE_CODE[table]}${row.toString('latin1')}|${qualifier}`;
  if (idScratch.length < length) idScratch = Buffer.allocUnsafe(length * 2);
  idScratch[0] = TABLE_CODE[table].charCodeAt(0);
  row.copy(idScratch, 1);
  idScratch[row.length + 1] = 0x7c; // '|'
  idScratch.write(qualifier, row.length + 2, 'latin1');
  return idScratch.toString('latin1', 0, length);
}

/** Whether every character fits one latin1 byte (partition qualifiers do): else a latin1 write would merge characters. */
export function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

/**
 * A 30-bit hash (FNV-1a) of the cell's table, row and qualifier: a small
 * integer, which V8 keeps unboxed, keys a Map about four times faster than an
 * id string does, and is the cache's hash (cell-slab.ts). Cells may share a
 * key: the maps and the cache tell them apart by id.
 */
export function cellKey(table: CounterTable, row: Buffer, qualifier: string): number {
  let h = Math.imul(0x811c9dc5 ^ TABLE_CODE[table].charCodeAt(0), 0x01000193);
  for (let i = 0; i < row.length; i++) h = Math.imul(h ^ (row[i] as number), 0x01000193);
  for (let i = 0; i < qualifier.length; i++) h = Math.imul(h ^ qualifier.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) & 0x3fffffff;
}

/** The cell after absorbing `offsets`; undefined when nothing new counts (nothing to write). */
export function applyContribution(current: PartitionCount, offsets: readonly bigint[]): PartitionCount | undefined {
  let added = 0n;
  let last = current.lastOffset;
  for (let i = offsets.length - 1; i >= 0; i--) {
    const offset = offsets[i] as bigint;
    if (offset <= current.lastOffset) break; // ascending: everything before is older still
    added++;
    if (offset > last) last = offset;
  }
  return added === 0n ? undefined : { count: current.count + added, lastOffset: last };
}
