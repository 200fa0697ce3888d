// Spill files on local disk: rows go to one file per (day, bucket) so that a
// day of any size and skew is later processed one bucket at a time. Each
// bucket has a small in-memory buffer appended to its file when full, so
// memory is buckets x buffer size whatever the input. A skewed bucket (the hot
// location's) is read back as a stream of rows, never whole.

import fs from 'node:fs';
import path from 'node:path';
import type { LandingRow } from '../schema/landing-row';
import { completeRowLength, decodeRow, encodedLength, encodeRow } from './row-codec';
import { ContractError } from '../../common/errors';

const BUFFER_BYTES = 256 * 1024;
const READ_CHUNK_BYTES = 4 * 1024 * 1024;

interface Slot {
  buf: Buffer;
  used: number;
}

/** One day's buffers by bucket, and its rows spilled. */
interface DaySpill {
  readonly slots: (Slot | undefined)[];
  rows: number;
}

export class SpillWriter {
  // By day, then by bucket number: a row costs no key string and one Map look-up.
  private readonly days = new Map<string, DaySpill>();

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  file(day: string, bucket: number): string {
    return path.join(this.dir, `${day}.b${bucket}.bin`);
  }

  /** Rows of `day` spilled so far. */
  rowsOf(day: string): number {
    return this.days.get(day)?.rows ?? 0;
  }

  add(day: string, bucket: number, row: LandingRow): void {
    let spill = this.days.get(day);
    if (!spill) this.days.set(day, (spill = { slots: [], rows: 0 }));
    let slot = spill.slots[bucket];
    if (!slot) spill.slots[bucket] = slot = { buf: Buffer.allocUnsafe(BUFFER_BYTES), used: 0 };
    const need = encodedLength(row);
    if (slot.used + need > slot.buf.length) {
      this.write(day, bucket, slot);
      if (need > slot.buf.length) slot.buf = Buffer.allocUnsafe(need);
    }
    slot.used = encodeRow(row, slot.buf, slot.used);
    spill.rows++;
  }

  /** Writes every buffer out; call before reading buckets back. */
  flush(): void {
    for (const [day, spill] of this.days) spill.slots.forEach((slot, bucket) => this.write(day, bucket, slot as Slot));
  }

  /** A bucket's rows as one array, for the passes that sort or dedup a (balanced) bucket. */
  read(day: string, bucket: number): LandingRow[] {
    return Array.from(this.rows(day, bucket));
  }

  /** A bucket's rows in file order, read a chunk at a time: memory stays at one chunk whatever the bucket's size. */
  *rows(day: string, bucket: number, chunkBytes = READ_CHUNK_BYTES): Generator<LandingRow> {
    const file = this.file(day, bucket);
    if (!fs.existsSync(file)) return;
    const fd = fs.openSync(file, 'r');
    try {
      let chunk = Buffer.allocUnsafe(chunkBytes);
      let held = 0;
      for (;;) {
        const read = fs.readSync(fd, chunk, held, chunk.length - held, null);
        held += read;
        let at = 0;
        for (let n = completeRowLength(chunk, at, held); n > 0; at += n, n = completeRowLength(chunk, at, held)) yield decodeRow(chunk, at);
        if (read === 0) {
          if (at !== held) throw new ContractError(`${file}: truncated row at its end`);
          return;
        }
        chunk.copy(chunk, 0, at, held);
        held -= at;
        // A row longer than the chunk: grow it to take the row whole.
        if (held === chunk.length) chunk = Buffer.concat([chunk, Buffer.allocUnsafe(chunk.length)]);
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private write(day: string, bucket: number, slot: Slot): void {
    if (slot.used === 0) return;
    fs.appendFileSync(this.file(day, bucket), slot.buf.subarray(0, slot.used));
    slot.used = 0;
  }
}
