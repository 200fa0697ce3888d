// FNV-1a 32-bit over the 8 big-endian bytes of an int64, without allocating a
// Buffer. Stable across processes, versions and languages (a Spark job or a
// Java HBase tool can recompute it), unlike any built-in hash.

export const FNV1A_OFFSET_BASIS = 0x811c9dc5;
const FNV1A_PRIME = 0x01000193;

/** FNV-1a of the two's-complement big-endian bytes of `value`, as an unsigned 32-bit number. */
export function fnv1aInt64(value: bigint, basis: number = FNV1A_OFFSET_BASIS): number {
  const unsigned = BigInt.asUintN(64, value);
  const high = Number(unsigned >> 32n);
  const low = Number(unsigned & 0xffffffffn);
  let hash = basis >>> 0;
  hash = step(hash, high >>> 24);
  hash = step(hash, (high >>> 16) & 0xff);
  hash = step(hash, (high >>> 8) & 0xff);
  hash = step(hash, high & 0xff);
  hash = step(hash, low >>> 24);
  hash = step(hash, (low >>> 16) & 0xff);
  hash = step(hash, (low >>> 8) & 0xff);
  hash = step(hash, low & 0xff);
  return hash;
}

function step(hash: number, byte: number): number {
  return Math.imul(hash ^ byte, FNV1A_PRIME) >>> 0;
}
