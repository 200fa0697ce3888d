import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LandingRow } from '../schema/landing-row';
import { SpillWriter } from './spill';

const row = (oid: bigint, itemName: string): LandingRow => ({
  detectionOid: oid,
  geographicalLocationOid: 9_007_199_254_740_993n,
  videoCameraOid: -3n,
  itemName,
  timestampDetected: 1_700_000_000_123,
  partition: 11,
  offset: 2n ** 62n + oid,
  kafkaTimestamp: 1_700_000_001_000,
});

describe('SpillWriter', () => {
  let spill: SpillWriter;
  beforeEach(() => (spill = new SpillWriter(fs.mkdtempSync(path.join(os.tmpdir(), 'spill-spec-')))));
  afterEach(() => spill.remove());

  it('reads a bucket back as written, whole or streamed, across chunk edges and rows longer than a chunk', () => {
    const names = ['car', '🚗 emoji car', '自転車', 'x'.repeat(5000), '', 'éclair stand'];
    const written = Array.from({ length: 500 }, (_, i) => row(BigInt(i) * 7919n, names[i % names.length]!));
    for (const r of written) spill.add('2026-11-22', 3, r);
    spill.flush();
    expect(spill.read('2026-11-22', 3)).to.deep.equal(written);
    for (const chunkBytes of [64, 97, 4096, 1 << 20])
      expect([...spill.rows('2026-11-22', 3, chunkBytes)], `chunk ${chunkBytes}`).to.deep.equal(written);
  });

  it('keeps int64 edge values exact and counts rows by day across days and buckets', () => {
    const edges = [-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n, 2n ** 53n + 1n];
    const written = edges.map((v, i) => ({
      ...row(v, `e${i}`),
      geographicalLocationOid: -v - 1n,
      videoCameraOid: v,
      offset: 2n ** 63n - 1n - BigInt(i),
    }));
    written.forEach((r, i) => spill.add(i % 2 === 0 ? '2026-11-22' : '2026-11-23', i % 3, r));
    spill.flush();
    expect([0, 1, 2].flatMap((b) => spill.read('2026-11-22', b))).to.have.deep.members(written.filter((_, i) => i % 2 === 0));
    expect([0, 1, 2].flatMap((b) => spill.read('2026-11-23', b))).to.have.deep.members(written.filter((_, i) => i % 2 === 1));
    expect(['2026-11-22', '2026-11-23', '2026-11-24'].map((day) => spill.rowsOf(day))).to.deep.equal([3, 2, 0]);
  });

  it('yields nothing for a bucket that got no rows', () => {
    expect([...spill.rows('2026-11-22', 0)]).to.deep.equal([]);
  });

  it('fails on a truncated spill file instead of dropping its last row', () => {
    spill.add('2026-11-22', 1, row(1n, 'car'));
    spill.add('2026-11-22', 1, row(2n, 'bus'));
    spill.flush();
    const file = spill.file('2026-11-22', 1);
    fs.truncateSync(file, fs.statSync(file).size - 2);
    expect(() => [...spill.rows('2026-11-22', 1, 64)]).to.throw(/truncated/);
    expect(() => spill.read('2026-11-22', 1)).to.throw(/truncated/);
  });
});
