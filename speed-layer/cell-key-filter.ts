// A Bloom filter of counter cell ids: mightHold() is true for every id added,
// and for about 1 % of the others. The counter store adds the cells its cache
// forgets, so a cell it wrote since its claim is never taken for an empty one;
// a false "maybe" only costs a read. About 10 bits an id, so millions of
// forgotten cells fit in a few MB where the cache spends ~300 bytes a cell.

const BITS_PER_ID = 10;
/** Probes per id: near the optimum (ln 2 × bits per id) for 10 bits. */
const PROBES = 7;

export class CellIdFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;
  private held = 0;

  /** `capacity`: the ids it holds at about 1 % false "maybe"s; beyond it, isFull() (the owner starts afresh). */
  constructor(readonly capacity: number) {
    let size = 32;
    while (size < capacity * BITS_PER_ID) size *= 2;
    this.bits = new Uint32Array(size / 32);
    this.mask = size - 1;
  }

  add(id: string): void {
    hash(id);
    for (let i = 0, h = first; i < PROBES; i++, h = (h + step) | 0) {
      const bit = h & this.mask;
      this.bits[bit >>> 5] = (this.bits[bit >>> 5] as number) | (1 << (bit & 31));
    }
    this.held++;
  }

  mightHold(id: string): boolean {
    if (this.held === 0) return false;
    hash(id);
    for (let i = 0, h = first; i < PROBES; i++, h = (h + step) | 0) {
      const bit = h & this.mask;
      if (((this.bits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  /** Ids added since the last clear (an id added twice counts twice). */
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

// The two hashes of the last id hashed: module scratch rather than a returned
// pair, as a cache miss on the hot path hashes one id and allocates nothing.
let first = 0;
let step = 0;

/** Two 32-bit hashes of the id's UTF-16 code units (FNV-1a and a multiplicative one, each finished with a mix) for double hashing; the step is odd, so the probes of one id fall on distinct bits. */
function hash(id: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  first = mix(a);
  step = mix(b) | 1;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
