// Which spill bucket a detection goes to in the nightly batch (bounded memory
// for any day size and any skew: all copies of one oid meet in one bucket, so
// each bucket deduplicates alone).
//
// A different hash from the row-key salt: FNV-1a from another offset basis,
// then the murmur3 finaliser. FNV-1a's low bits depend only on the low bits of
// its state, so `salt % buckets` (or FNV with a basis differing only in high
// bits) would tie buckets to salts and therefore to HBase regions; the
// finaliser mixes all 32 bits into the ones the modulo keeps.

import { ValidationError } from '../errors';
import { fnv1aInt64 } from './fnv1a';

/** Any constant other than the salt's basis; changing it reshuffles spill files, nothing persistent. */
const BUCKET_BASIS = 0x9e3779b9;

export function bucketOf(oid: bigint, buckets: number): number {
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > 0x7fffffff) {
    throw new ValidationError('invalid_buckets', `buckets must be a positive integer, got ${buckets}`);
  }
  return fmix32(fnv1aInt64(oid, BUCKET_BASIS)) % buckets;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
