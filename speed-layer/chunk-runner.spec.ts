import { expect } from 'chai';
import { applyContribution, counterId } from './counter-cell';
import { encodeDetectionEvent, NO_OFFSET, type DetectionEvent, type PartitionCount } from '../common/contract';
import { CorruptCellError, HBaseError } from '../common/errors';
import { batchOids, classifyBatch, type RejectedMessages } from './classify-batch';
import { runChunk, type ChunkRunnerOptions } from './chunk-runner';
import type { ConsumedMessage } from './consumed-message';
import { planBatch, type BatchPlan } from './plan-batch';

const now = Date.UTC(2026, 10, 22, 12, 0, 0);
const event = (oid: bigint, item = 'car'): DetectionEvent => ({
  geographicalLocationOid: 1n,
  videoCameraOid: 2n,
  detectionOid: oid,
  itemName: item,
  timestampDetected: now - 1000,
});
const message = (offset: number, e: DetectionEvent, timestampMs = now): ConsumedMessage => ({
  partition: 3,
  offset: String(offset),
  key: Buffer.from(e.detectionOid.toString()),
  value: Buffer.from(encodeDetectionEvent(e)),
  timestampMs,
});

/**
 * An in-memory speed view with the real planning and the real exactly-once
 * counter rule: detection rows by oid (lineage) and counter cells by id. It can
 * be told to break on one item name (a bug only that event triggers), to be
 * down for a number of calls (an outage), or to hold a corrupt cell.
 */
class FakeSpeedView {
  readonly rows = new Map<bigint, string>();
  readonly cells = new Map<string, PartitionCount>();
  /** The ids of the quality counters among `cells`. */
  readonly metaIds = new Set<string>();
  calls = 0;
  downFor = 0;
  poisonItem: string | undefined;
  corrupt: CorruptCellError | undefined;
  quarantined: CorruptCellError[] = [];

  process = async (messages: readonly ConsumedMessage[], rejected: RejectedMessages): Promise<BatchPlan> => {
    this.calls++;
    if (this.downFor > 0) {
      this.downFor--;
      throw new HBaseError('HBase put failed: connection refused', { retriable: true });
    }
    if (this.corrupt) throw this.corrupt;
    const classified = classifyBatch(messages, rejected);
    const existingLineage = new Map(
      batchOids(classified).flatMap((oid) => (this.rows.has(oid) ? [[oid, this.rows.get(oid) as string] as const] : [])),
    );
    const plan = planBatch({ partition: 3, classified, existingLineage, reference: new Map([[1n, 'Harbour']]), lateAfterMs: 600_000 });
    if (this.poisonItem !== undefined && plan.rows.some((row) => row.itemName === this.poisonItem))
      throw new RangeError('The value of "value" is out of range');
    for (const row of plan.rows) this.rows.set(row.detectionOid, `${row.lineage.partition}:${row.lineage.offset}`);
    for (const c of plan.counters) {
      const id = counterId(c.address);
      const next = applyContribution(this.cells.get(id) ?? { count: 0n, lastOffset: NO_OFFSET }, c.offsets);
      if (next) this.cells.set(id, next);
      if (c.address.table === 'meta') this.metaIds.add(id);
    }
    return plan;
  };

  quality(counter: string): bigint {
    let total = 0n;
    for (const [id, cell] of this.cells) if (this.metaIds.has(id) && id.endsWith(`|${counter}:p3`)) total += cell.count;
    return total;
  }
}

function options(view: FakeSpeedView, poisoned: string[] = []): ChunkRunnerOptions {
  return {
    process: view.process,
    quarantineCell: async (error) => {
      view.quarantined.push(error);
      view.corrupt = undefined;
    },
    attempts: 3,
    retry: { initialDelayMs: 1, maxDelayMs: 2 },
    onPoison: (m) => poisoned.push(m.offset),
  };
}

describe('chunk runner: a poison event never stalls a partition', () => {
  it('dead-letters the one event that keeps failing, with its reason, and stores the good ones behind it', async () => {
    const view = new FakeSpeedView();
    view.poisonItem = 'bomb';
    const messages = Array.from({ length: 40 }, (_, i) => message(100 + i, event(BigInt(1000 + i), i === 17 ? 'bomb' : 'car')));
    const poisoned: string[] = [];
    const plan = await runChunk(messages, options(view, poisoned));
    expect(poisoned).to.deep.equal(['117']);
    expect(plan.deadLetters.map((d) => [d.offset, d.rejection.reason])).to.deep.equal([[117n, 'processing_failed']]);
    expect(plan.deadLetters[0]?.rejection.message).to.match(/RangeError/);
    expect(view.rows.size).to.equal(39);
    expect(view.quality('accepted')).to.equal(39n);
    expect(view.quality('dead_letters')).to.equal(1n);
  });

  it('waits out a store outage however long, dead-lettering nothing', async () => {
    const view = new FakeSpeedView();
    view.downFor = 12; // far more than the poison budget
    const messages = Array.from({ length: 10 }, (_, i) => message(i, event(BigInt(i + 1))));
    const plan = await runChunk(messages, options(view));
    expect(plan.deadLetters).to.deep.equal([]);
    expect(view.rows.size).to.equal(10);
    expect(view.quality('accepted')).to.equal(10n);
  });

  it('quarantines a corrupt counter cell (15 bytes) and goes on', async () => {
    const view = new FakeSpeedView();
    view.corrupt = new CorruptCellError(
      'ns:live_counts',
      Buffer.from('row'),
      'c',
      'p3',
      Buffer.alloc(15),
      5,
      'partition count cell must be 16 bytes, got 15',
    );
    const plan = await runChunk([message(0, event(1n)), message(1, event(2n))], options(view));
    expect(view.quarantined.map((e) => e.reason)).to.deep.equal(['partition count cell must be 16 bytes, got 15']);
    expect(plan.deadLetters).to.deep.equal([]);
    expect(view.quality('accepted')).to.equal(2n);
  });

  it('throws a store error that is not retriable after its budget instead of blaming an event', async () => {
    const view = new FakeSpeedView();
    const opts = options(view);
    const failing: ChunkRunnerOptions = {
      ...opts,
      process: async () => {
        view.calls++;
        throw new HBaseError('NoSuchColumnFamilyException');
      },
    };
    const error = await runChunk([message(0, event(1n))], failing).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(HBaseError);
    expect(view.calls).to.equal(3);
  });

  it('judges a message whose Kafka timestamp is 3e14 before any arithmetic: a dead letter, not a RangeError', async () => {
    const far = 3e14;
    const poison = message(5, { ...event(9n), timestampDetected: far }, far);
    const view = new FakeSpeedView();
    const plan = await runChunk([message(4, event(8n)), poison, message(6, event(10n))], options(view));
    expect(plan.deadLetters.map((d) => [d.offset, d.rejection.reason])).to.deep.equal([[5n, 'invalid_timestamp']]);
    expect(view.rows.size).to.equal(2);
  });
});
