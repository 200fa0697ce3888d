// A Bloom filter of counter cells, by their keys (counter-cell.ts cellKey):
// mightHold() is true for every cell added, and for about 1 % of the others.
// The counter store adds the cells its cache forgets, so a cell it wrote since
// its claim is never taken for an empty one; a false "maybe" only costs a read,
// so cells that share a key (one in a few hundred among millions) may answer
// for each other. About 10 bits a cell, so millions of forgotten cells fit in a
// few MB where the cache spends about 70 bytes a cell. Hashing the key, not the id
// string, spares the hot path a pass over each new id's characters.

const BITS_PER_CELL = 10;
/** Probes per cell: near the optimum (ln 2 × bits per cell) for 10 bits. */
const PROBES = 7;

export class CellKeyFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;
  private held = 0;

  /** `capacity`: the cells it holds at about 1 % false "maybe"s; beyond it, isFull() (the owner starts afresh). */
  constructor(readonly capacity: number) {
    let size = 32;
    while (size < capacity * BITS_PER_CELL) size *= 2;
    this.bits = new Uint32Array(size / 32);
    this.mask = size - 1;
  }

  add(key: number): void {
    hash(key);
    for (let i = 0, h = first; i < PROBES; i++, h = (h + step) | 0) {
      const bit = h & this.mask;
      this.bits[bit >>> 5] = (this.bits[bit >>> 5] as number) | (1 << (bit & 31));
    }
    this.held++;
  }

  mightHold(key: number): boolean {
    if (this.held === 0) return false;
    hash(key);
    for (let i = 0, h = first; i < PROBES; i++, h = (h + step) | 0) {
      const bit = h & this.mask;
      if (((this.bits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  /** Cells added since the last clear (a cell added twice counts twice). */
  get size(): number {
    return this.held;
  }

  isFull(): boolean {
    return this.held >= this.capacity;
  }

  clear(): void {
    this.bits.fill(0);
    this.held = 0;
  }
}

// The two hashes of the last key hashed: module scratch rather than a returned
// pair, as a cache miss on the hot path hashes one key and allocates nothing.
let first = 0;
let step = 0;

/** Two 32-bit hashes of the key (two mixes) for double hashing; the step is odd, so the probes of one key fall on distinct bits. */
function hash(key: number): void {
  first = mix(key);
  step = mix(Math.imul(key ^ 0x5bd1e995, 0x9e3779b1)) | 1;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
