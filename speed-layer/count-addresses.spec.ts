import { expect } from 'chai';
import { decodeCountRowKey, encodeDetectionEvent, NO_OFFSET, type DetectionEvent, type PartitionCount } from '../common/contract';
import { classifyBatch } from './classify-batch';
import type { ConsumedMessage } from './consumed-message';
import { countAddresses } from './count-addresses';
import { applyContribution, counterId, type CounterAddress } from './counter-cell';
import { planBatch } from './plan-batch';

const H = 3_600_000;
const start = Date.UTC(2026, 10, 22, 22, 30); // the events cross midnight: two days, five hours

/** A deterministic generator, so a failure replays the same way. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The speed view as HBase would hold it: counter cells and detection rows' lineage, written cell by cell. */
class InMemorySpeedView {
  readonly cells = new Map<string, { address: CounterAddress; value: PartitionCount }>();
  readonly lineage = new Map<bigint, string>();

  /** One batch of one partition, as apply-chunk.ts runs it; `lands` decides which writes reach the store (a crash loses the others). */
  process(partition: number, messages: readonly ConsumedMessage[], lands: () => boolean): void {
    const classified = classifyBatch(messages);
    const existingLineage = new Map<bigint, string>();
    for (const c of classified)
      if (c.kind === 'valid' && this.lineage.has(c.event.detectionOid))
        existingLineage.set(c.event.detectionOid, this.lineage.get(c.event.detectionOid) as string);
    const plan = planBatch({ partition, classified, existingLineage, reference: new Map(), lateAfterMs: 600_000 });
    const updates = plan.counters.flatMap((c) => {
      const value = applyContribution(this.cells.get(counterId(c.address))?.value ?? { count: 0n, lastOffset: NO_OFFSET }, c.offsets);
      return value ? [{ address: c.address, value }] : [];
    });
    for (const row of plan.rows) if (lands()) this.lineage.set(row.detectionOid, `${row.lineage.partition}:${row.lineage.offset}`);
    for (const update of updates) if (lands()) this.cells.set(counterId(update.address), update);
  }
}

interface Sent {
  readonly message: ConsumedMessage;
  readonly event: DetectionEvent;
}

function stream(seed: number, count: number, partitions: number): Sent[][] {
  const next = random(seed);
  const out: Sent[][] = Array.from({ length: partitions }, () => []);
  const items = ['car', 'bus', 'bike', '自転車 🚲'];
  const sent: DetectionEvent[] = [];
  for (let i = 0; i < count; i++) {
    // 10 % re-sends of an earlier oid, half of them with another payload: the first occurrence must win.
    const again = sent.length > 0 && next() < 0.1 ? sent[Math.floor(next() * sent.length)] : undefined;
    const event: DetectionEvent =
      again && next() < 0.5
        ? again
        : {
            geographicalLocationOid: BigInt(1 + Math.floor(next() * 3)),
            videoCameraOid: 1n,
            detectionOid: again?.detectionOid ?? BigInt(1000 + i),
            itemName: items[Math.floor(next() * items.length)] as string,
            timestampDetected: start + Math.floor(next() * 5 * H),
          };
    sent.push(event);
    const partition = Number(event.detectionOid % BigInt(partitions));
    const list = out[partition] as Sent[];
    list.push({
      event,
      message: {
        partition,
        offset: String(list.length),
        key: Buffer.from(event.detectionOid.toString()),
        value: Buffer.from(encodeDetectionEvent(event)),
        timestampMs: start + 6 * H,
      },
    });
  }
  return out;
}

/** Runs a partition's messages in random batches; some batches crash half-written and are replayed from the last commit, some commits are lost. */
function consume(view: InMemorySpeedView, partition: number, messages: readonly Sent[], next: () => number): void {
  let committed = 0;
  while (committed < messages.length) {
    const size = 1 + Math.floor(next() * 40);
    const batch = messages.slice(committed, committed + size).map((s) => s.message);
    const crash = next() < 0.3;
    view.process(partition, batch, crash ? () => next() < 0.5 : () => true);
    if (crash) continue; // restart: the same offsets again, maybe in other batch sizes
    if (next() < 0.2) continue; // the commit was lost: the whole batch is replayed
    committed += batch.length;
  }
}

describe('hour and day roll-ups (exactly-once like the minute counts)', () => {
  it('addresses the minute cell in live_counts and its hour and day roll-ups in live_rollups', () => {
    const ts = Date.UTC(2026, 10, 22, 13, 5, 42);
    const addresses = countAddresses('item', 7n, ts, 'car', 'p3');
    expect(addresses.map((a) => [a.table, decodeCountRowKey(a.row).granularity, a.timestamp, a.qualifier])).to.deep.equal([
      ['liveCounts', 'minute', Date.UTC(2026, 10, 22, 13, 5), 'p3'],
      ['rollups', 'hour', Date.UTC(2026, 10, 22, 13), 'p3'],
      ['rollups', 'day', Date.UTC(2026, 10, 22), 'p3'],
    ]);
    for (const a of addresses) expect(decodeCountRowKey(a.row)).to.deep.include({ scope: 'item', locationOid: 7n, itemName: 'car' });
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`equal the sums of the minute cells per partition, and the truth, after crashes and replays (seed ${seed})`, () => {
      const partitions = 3;
      const messages = stream(seed, 600, partitions);
      const view = new InMemorySpeedView();
      const next = random(seed * 7919);
      messages.forEach((list, partition) => consume(view, partition, list, next));

      // Roll the minute cells up per partition, as the roll-ups must hold them.
      const expected = new Map<string, { count: bigint; lastOffset: bigint }>();
      const truth = new Map<string, bigint>();
      let minutes = 0;
      for (const { address, value } of view.cells.values()) {
        if (address.table !== 'liveCounts') continue;
        minutes++;
        const key = decodeCountRowKey(address.row);
        truth.set(
          `${key.scope}|${key.locationOid}|${key.itemName}`,
          (truth.get(`${key.scope}|${key.locationOid}|${key.itemName}`) ?? 0n) + value.count,
        );
        for (const addr of countAddresses(key.scope, key.locationOid, key.bucketStartMs, key.itemName, address.qualifier).slice(1)) {
          const id = counterId(addr);
          const sum = expected.get(id) ?? { count: 0n, lastOffset: NO_OFFSET };
          expected.set(id, {
            count: sum.count + value.count,
            lastOffset: value.lastOffset > sum.lastOffset ? value.lastOffset : sum.lastOffset,
          });
        }
      }
      const rollups = new Map([...view.cells].filter(([, c]) => c.address.table === 'rollups').map(([id, c]) => [id, c.value]));
      expect(minutes).to.be.above(100);
      expect(rollups.size).to.equal(expected.size);
      expect(rollups).to.deep.equal(expected);

      // And the minute cells count each first occurrence once (what the API sums).
      const first = new Map<bigint, DetectionEvent>();
      for (const list of messages) for (const { event } of list) if (!first.has(event.detectionOid)) first.set(event.detectionOid, event);
      const want = new Map<string, bigint>();
      const bump = (key: string) => want.set(key, (want.get(key) ?? 0n) + 1n);
      for (const e of first.values()) {
        for (const location of [e.geographicalLocationOid, 0n]) {
          bump(`item|${location}|${e.itemName}`);
          bump(`total|${location}|`);
        }
      }
      expect(truth).to.deep.equal(want);
      const days = new Set(
        [...view.cells.values()]
          .filter((c) => c.address.table === 'rollups')
          .map((c) => decodeCountRowKey(c.address.row))
          .filter((k) => k.granularity === 'day')
          .map((k) => k.bucketStartMs),
      );
      expect(days.size, 'the events span two days').to.equal(2);
    });
  }
});
