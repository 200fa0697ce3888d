// Pure row-range logic for scans: a prefix becomes start/stop bounds, and rows the
// server returns outside the prefix (possible for reversed scans, whose bounds
// cannot express "prefix" exactly) are skipped or end the scan.

import type { ScanOptions } from './hbase-types';

export interface ScanBounds {
  readonly start?: Buffer;
  readonly stop?: Buffer;
}

/** The smallest key greater than every key starting with `prefix`; undefined if none (all 0xff). */
export function prefixEnd(prefix: Buffer): Buffer | undefined {
  for (let i = prefix.length - 1; i >= 0; i--) {
    if (prefix[i] !== 0xff) {
      const end = Buffer.from(prefix.subarray(0, i + 1));
      end[i] = (end[i] as number) + 1;
      return end;
    }
  }
  return undefined;
}

function max(a: Buffer | undefined, b: Buffer | undefined): Buffer | undefined {
  if (!a) return b;
  if (!b) return a;
  return Buffer.compare(a, b) >= 0 ? a : b;
}

function min(a: Buffer | undefined, b: Buffer | undefined): Buffer | undefined {
  if (!a) return b;
  if (!b) return a;
  return Buffer.compare(a, b) <= 0 ? a : b;
}

/** Bounds to send to HBase for these options. */
export function scanBounds(options: ScanOptions): ScanBounds {
  const { prefix, reversed } = options;
  if (!prefix || prefix.length === 0) return { start: options.start, stop: options.stop };
  const end = prefixEnd(prefix);
  if (!reversed) return { start: max(options.start, prefix), stop: min(options.stop, end) };
  // Reversed: start is the inclusive high bound, stop the exclusive low bound. `end`
  // itself may come back (start is inclusive) and is skipped by rowVerdict.
  return { start: min(options.start, end), stop: options.stop };
}

export type RowVerdict = 'take' | 'skip' | 'end';

/** What to do with a row the server returned, given the prefix. */
export function rowVerdict(row: Buffer, options: ScanOptions): RowVerdict {
  const { prefix } = options;
  if (!prefix || prefix.length === 0) return 'take';
  if (row.subarray(0, prefix.length).equals(prefix)) return 'take';
  if (options.reversed) return Buffer.compare(row, prefix) < 0 ? 'end' : 'skip';
  return 'end';
}
