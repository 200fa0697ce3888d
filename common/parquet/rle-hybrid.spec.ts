import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openParquet } from '.';
import { decodeHybrid, dictionaryIndexCodec, rleCodec } from './rle-hybrid';

describe('RLE/bit-packed hybrid decoder', () => {
  it('reads a repeated run of a value wider than one byte, little-endian', () => {
    // header 5 << 1 = 10 (repeated, 5 copies), value 257 in 2 bytes; then 3 copies of 70000 at width 17 (3 bytes).
    expect(decodeHybrid({ buffer: Buffer.from([10, 0x01, 0x01]), offset: 0 }, 5, 9)).to.deep.equal([257, 257, 257, 257, 257]);
    expect(decodeHybrid({ buffer: Buffer.from([6, 0x70, 0x11, 0x01]), offset: 0 }, 3, 17)).to.deep.equal([70000, 70000, 70000]);
  });

  it('reads bit-packed groups of width 10, least significant bit first, and stops at count', () => {
    const values = [0, 1, 2, 513, 1023, 256, 300, 7];
    const bits = values.flatMap((v) => Array.from({ length: 10 }, (_, b) => (v >> b) & 1));
    const packed = Buffer.alloc(10);
    bits.forEach((bit, i) => (packed[i >> 3]! |= bit << (i & 7)));
    const cursor = { buffer: Buffer.concat([Buffer.from([0x03]), packed, Buffer.from([0xff])]), offset: 0 };
    expect(decodeHybrid(cursor, 6, 10)).to.deep.equal(values.slice(0, 6));
    expect(cursor.offset, 'after the whole group').to.equal(11);
  });

  it('mixes runs, and reads width 0 as zeros', () => {
    // repeated 3 x 4 (width 3), then one bit-packed group of 8 at width 3: 0..7.
    const packed = [0b10001000, 0b11000110, 0b11111010];
    expect(decodeHybrid({ buffer: Buffer.from([6, 4, 3, ...packed]), offset: 0 }, 11, 3)).to.deep.equal([4, 4, 4, 0, 1, 2, 3, 4, 5, 6, 7]);
    expect(decodeHybrid({ buffer: Buffer.from([8]), offset: 0 }, 4, 0)).to.deep.equal([0, 0, 0, 0]);
  });

  it('honours the level envelope length and the dictionary page bit-width byte', () => {
    const levels = { buffer: Buffer.from([3, 0, 0, 0, 0x03, 0b101, 0xee, 0x42]), offset: 0 };
    expect(rleCodec.decodeValues('INT32', levels, 3, { bitWidth: 1 })).to.deep.equal([1, 0, 1]);
    expect(levels.offset, 'past the padding the length covers').to.equal(7);
    expect(dictionaryIndexCodec.decodeValues('INT32', { buffer: Buffer.from([9, 4, 0x2c, 0x01]), offset: 0 }, 2)).to.deep.equal([300, 300]);
  });

  it('throws on a header past the end and on a bad width', () => {
    expect(() => decodeHybrid({ buffer: Buffer.from([0x80]), offset: 0 }, 1, 1)).to.throw(/past the end/);
    expect(() => decodeHybrid({ buffer: Buffer.from([2, 0]), offset: 0 }, 1, 33)).to.throw(/out of range/);
  });

  it('reads a DuckDB file with 1,000 distinct dictionary values exactly (indices >= 256)', async function () {
    this.timeout(30_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rle-hybrid-'));
    try {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const db = await DuckDBInstance.create(':memory:');
      const c = await db.connect();
      const file = path.join(dir, 'dict.parquet');
      await c.run(`COPY (SELECT i::BIGINT AS id, (i % 1000)::BIGINT AS loc, 'L' || (i % 1000) AS name, CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 997)::BIGINT END AS maybe
        FROM range(50000) r(i) ORDER BY loc, id) TO '${file}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 20000)`);
      c.closeSync();
      db.closeSync();
      const parquet = await openParquet(fs.readFileSync(file), 'dict.parquet');
      let rows = 0;
      let wrong = 0;
      for (let g = 0; g < parquet.footer.rowGroups.length; g++) {
        const cols = await parquet.readRowGroup(g);
        const ids = cols.get('id')!;
        for (let i = 0; i < ids.length; i++) {
          const id = Number(ids[i]);
          const maybe = id % 7 === 0 ? null : BigInt(id % 997);
          if (cols.get('loc')![i] !== BigInt(id % 1000) || cols.get('name')![i] !== `L${id % 1000}` || cols.get('maybe')![i] !== maybe)
            wrong++;
          rows++;
        }
      }
      await parquet.close();
      expect({ rows, wrong }).to.deep.equal({ rows: 50000, wrong: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
