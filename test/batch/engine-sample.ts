// An edge-case landing sample for the engine identity tests, written into a
// given HDFS root with the project's own Parquet writer and landing file
// names: oids up to 2^63-1, re-sends with another item, the lowest
// (partition, offset) winning across partitions, day-boundary milliseconds,
// late events, an unknown location, an empty file, top-X ties decided by
// UTF-8 order (which differs from UTF-16 order), and enough items at one
// location that X = 10 and X = 20 cut differently. Pass 2 is a set of late
// files: new oids, re-sends that lose, and one that wins over pass 1's row.

import { dayRange, INT64_MAX, landingFilePath, landingPartitionDir } from '../../common/contract';
import type { HdfsStore } from '../../common/hdfs';
import { encodeParquet } from '../../common/parquet';
import { INVALID_BY_DAY_KEY, LANDING_SCHEMA, landingBatch } from '../../batch-layer/schema/landing-schema';
import type { LandingRow } from '../../batch-layer/schema/landing-row';
import { mulberry32 } from '../helpers/batch-events';

export const UNKNOWN_LOCATION = 999n;
export const LOCATIONS = 12;
/** Dataset B of the sample: locations 1..12 (not 999), some names outside ASCII. */
export function sampleReferenceCsv(): string {
  const names = Array.from({ length: LOCATIONS }, (_, i) => `${i + 1},${i % 3 === 0 ? `Plätz ${i + 1}` : `Square ${i + 1}`}`);
  return `geographical_location_oid,geographical_location\n${names.join('\n')}\n`;
}

interface Draft {
  oid: bigint;
  loc: bigint;
  item: string;
  ts: number;
  kts?: number;
}

export interface SampleFile {
  readonly partition: number;
  readonly rows: LandingRow[];
  readonly invalidByDay?: Record<string, number>;
}

/** Files of pass 1 and pass 2 for event day `day` (offsets continue across passes). */
export function engineSample(day: string): { pass1: SampleFile[]; pass2: SampleFile[] } {
  const { startMs, endMs } = dayRange(day);
  const random = mulberry32(1717);
  const next = [0n, 0n, 0n];
  const place = (partition: number, drafts: Draft[]): LandingRow[] =>
    drafts.map((d) => ({
      detectionOid: d.oid,
      geographicalLocationOid: d.loc,
      videoCameraOid: 100n + (d.oid % 7n),
      itemName: d.item,
      timestampDetected: d.ts,
      partition,
      offset: next[partition]!++,
      kafkaTimestamp: d.kts ?? d.ts + 1500,
    }));

  // Bulk: 1,500 detections over 12 locations and 25 skewed items, 6 % re-sent in another partition.
  const bulk: Draft[][] = [[], [], []];
  for (let i = 0; i < 1500; i++) {
    const oid = 2n ** 53n + BigInt(i) * 7919n;
    const loc = BigInt(1 + Math.floor(random() * random() * LOCATIONS));
    const d: Draft = {
      oid,
      loc,
      item: `item-${String(Math.floor(25 * random() * random())).padStart(2, '0')}`,
      ts: startMs + Math.floor(random() * 86_400_000),
    };
    const p = Math.floor(random() * 3);
    bulk[p]!.push(d);
    if (random() < 0.06) bulk[(p + 1 + Math.floor(random() * 2)) % 3]!.push({ ...d, item: `${d.item}-resend` });
  }
  // Ties at location 5 with equal counts, above every bulk item's: UTF-8 order puts 'Ｚebra' (U+FF3A) before '😀smile' (U+1F600); UTF-16 the other way.
  const ties: Draft[] = [];
  let tieOid = 9_000_000_000_000_000_000n;
  for (const item of ['Ｚebra', '😀smile', 'Apple', 'apple', 'émile', 'zulu'])
    for (let k = 0; k < 40; k++) ties.push({ oid: tieOid++, loc: 5n, item, ts: startMs + 60_000 * (k + 1) });
  // Location 7: 24 items with counts 24..1 except a tie at ranks 10/11 and 20/21, so X = 10 and 20 cut inside a tie.
  const ladder: Draft[] = [];
  let ladderOid = 8_000_000_000_000_000_000n;
  for (let r = 0; r < 24; r++) {
    const count = r === 10 ? 14 : r === 20 ? 4 : 24 - r;
    for (let k = 0; k < count; k++)
      ladder.push({ oid: ladderOid++, loc: 7n, item: `rank-${String.fromCharCode(122 - r)}`, ts: startMs + 60_000 * (r * 30 + k) });
  }
  const edges: Draft[] = [
    { oid: INT64_MAX - 1n, loc: 2n, item: 'first-ms', ts: startMs },
    { oid: INT64_MAX - 2n, loc: 2n, item: 'last-ms', ts: endMs - 1 },
    { oid: INT64_MAX - 3n, loc: 2n, item: 'day-before', ts: startMs - 1 },
    { oid: INT64_MAX - 4n, loc: 2n, item: 'day-after', ts: endMs },
    { oid: 42n, loc: UNKNOWN_LOCATION, item: 'unknown-place', ts: startMs + 5000 },
    { oid: 43n, loc: UNKNOWN_LOCATION, item: 'unknown-place', ts: startMs + 6000, kts: endMs + 3_600_000 },
    { oid: 44n, loc: 3n, item: 'late', ts: endMs - 10, kts: endMs + 1 },
    { oid: 45n, loc: 3n, item: 'late-by-a-ms', ts: endMs - 1, kts: endMs },
  ];
  const p0a = place(0, [...bulk[0]!.slice(0, 400), ...edges, ...ties.slice(0, 120)]);
  // oid 2^63-1 again: partition 1 has it at a low offset, partition 0 at a higher one; partition 0 wins.
  const p1 = place(1, [{ oid: INT64_MAX, loc: 2n, item: 'max-oid-resend-p1', ts: startMs + 1000 }, ...bulk[1]!, ...ladder]);
  const p0b = place(0, [
    { oid: INT64_MAX, loc: 2n, item: 'max-oid-resend-p0', ts: startMs + 1000 },
    ...bulk[0]!.slice(400),
    ...ties.slice(120),
  ]);
  const p2 = place(2, [...bulk[2]!, { oid: 46n, loc: 4n, item: 'will-lose-later', ts: startMs + 7000 }]);
  const empty: LandingRow[] = [];
  const pass1: SampleFile[] = [
    { partition: 0, rows: p0a, invalidByDay: { [day]: 2 } },
    { partition: 1, rows: p1 },
    { partition: 0, rows: p0b },
    { partition: 2, rows: p2 },
  ];
  // The empty file sits between two offset ranges of partition 2 (a flush with nothing valid in it).
  const emptyFile: SampleFile = { partition: 2, rows: empty };
  // Pass 2: late files for the same day.
  const fresh: Draft[] = Array.from({ length: 60 }, (_, i) => ({
    oid: 7_000_000_000_000_000_000n + BigInt(i),
    loc: BigInt(1 + (i % LOCATIONS)),
    item: `late-file-${i % 4}`,
    ts: startMs + i * 1_000_000,
    kts: endMs + 7_200_000,
  }));
  const pass2: SampleFile[] = [
    emptyFile,
    // Oid 46 was in partition 2; here in partition 1: the lower partition wins over the earlier warehouse row.
    { partition: 1, rows: place(1, [{ oid: 46n, loc: 4n, item: 'wins-from-late-file', ts: startMs + 7000 }, ...fresh.slice(0, 30)]) },
    // Re-sends of pass-1 winners at higher offsets of their own partition: they lose.
    { partition: 0, rows: place(0, [{ oid: INT64_MAX, loc: 2n, item: 'max-oid-too-late', ts: startMs + 1000 }, ...fresh.slice(30)]) },
  ];
  return { pass1, pass2 };
}

/** Writes files into `root`'s landing folder as the landing writer names them (topic, partition, offset range). */
export async function writeSampleFiles(hdfs: HdfsStore, root: string, topic: string, files: readonly SampleFile[]): Promise<void> {
  for (const file of files) {
    // An empty file names an offset range far past the sample's (a range whose messages were all invalid).
    const first = file.rows[0]?.offset ?? 1_000_000n;
    const last = file.rows.at(-1)?.offset ?? first;
    await hdfs.mkdirs(landingPartitionDir(root, file.partition));
    const metadata = file.invalidByDay ? { [INVALID_BY_DAY_KEY]: JSON.stringify(file.invalidByDay) } : undefined;
    await hdfs.upload(
      landingFilePath(root, { topic, partition: file.partition, startOffset: first, endOffset: last }),
      encodeParquet(LANDING_SCHEMA, landingBatch(file.rows), metadata ? { metadata } : {}),
      { overwrite: true },
    );
  }
}
