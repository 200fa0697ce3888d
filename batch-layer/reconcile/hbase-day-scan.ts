// The speed layer's detection rows of one event day, read by a time-range scan
// (cell timestamp = timestamp_detected) and spilled by oid bucket, so the
// reconciliation compares bucket by bucket in bounded memory.

import fs from 'node:fs';
import path from 'node:path';
import { bucketOf, decodeDetectionRowKey, detectionTableName, FAMILIES, dayRange } from '../../common/contract';
import type { HBaseTables } from '../../common/hbase';

const SCAN_RANGES = 8;

export class HBaseDaySpill {
  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  file(bucket: number): string {
    return path.join(this.dir, `hbase.b${bucket}.bin`);
  }

  /** Scans the day and spills each row's oid to its bucket file; returns the number of rows. */
  async fill(hbase: HBaseTables, namespace: string, day: string, buckets: number, onProgress?: (rows: number) => void): Promise<number> {
    const { startMs, endMs } = dayRange(day);
    const slots = Array.from({ length: buckets }, () => [] as bigint[]);
    let rows = 0;
    const flush = (b: number): void => {
      const oids = slots[b]!;
      if (oids.length === 0) return;
      const buf = Buffer.allocUnsafe(8 * oids.length);
      oids.forEach((oid, i) => buf.writeBigInt64LE(oid, 8 * i));
      fs.appendFileSync(this.file(b), buf);
      slots[b] = [];
    };
    // One scan per salt range, in parallel: the table is pre-split by the salt byte.
    const ranges = Array.from({ length: SCAN_RANGES }, (_, k) => ({
      start: Buffer.of(Math.floor((k * 256) / SCAN_RANGES)),
      ...(k + 1 < SCAN_RANGES ? { stop: Buffer.of(Math.floor(((k + 1) * 256) / SCAN_RANGES)) } : {}),
    }));
    await Promise.all(
      ranges.map(async (range) => {
        for await (const row of hbase.scan(detectionTableName(namespace), {
          ...range,
          families: [FAMILIES.detections],
          timeRange: { from: startMs, to: endMs },
          // Only which rows exist matters here: one cell a row instead of seven.
          firstKeyOnly: true,
          caching: 5000,
        })) {
          let oid: bigint;
          try {
            oid = decodeDetectionRowKey(row.key);
          } catch {
            continue; // not one of our keys
          }
          const b = bucketOf(oid, buckets);
          slots[b]!.push(oid);
          if (slots[b]!.length >= 8192) flush(b);
          if (++rows % 200_000 === 0) onProgress?.(rows);
        }
      }),
    );
    for (let b = 0; b < buckets; b++) flush(b);
    return rows;
  }

  read(bucket: number): Set<bigint> {
    const file = this.file(bucket);
    const set = new Set<bigint>();
    if (!fs.existsSync(file)) return set;
    const buf = fs.readFileSync(file);
    for (let at = 0; at < buf.length; at += 8) set.add(buf.readBigInt64LE(at));
    return set;
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
