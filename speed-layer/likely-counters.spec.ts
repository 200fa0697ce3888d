import { expect } from 'chai';
import { encodeDetectionEvent, type DetectionEvent } from '../common/contract';
import { classifyBatch } from './classify-batch';
import type { ConsumedMessage } from './consumed-message';
import { counterId } from './counter-cell';
import { likelyCounterAddresses } from './likely-counters';
import { planBatch } from './plan-batch';

const now = Date.UTC(2026, 10, 22, 12, 0, 0);
const event = (oid: bigint, item: string, location: bigint, ago: number): DetectionEvent => ({
  geographicalLocationOid: location,
  videoCameraOid: 2n,
  detectionOid: oid,
  itemName: item,
  timestampDetected: now - ago,
});
const ok = (offset: number, e: DetectionEvent): ConsumedMessage => ({
  partition: 4,
  offset: String(offset),
  key: Buffer.from(e.detectionOid.toString()),
  value: Buffer.from(encodeDetectionEvent(e)),
  timestampMs: now,
});

describe('likelyCounterAddresses', () => {
  it('names every counter cell the plan touches (quality counters aside) when no stored row is a duplicate', () => {
    const messages = [
      ok(1, event(7n, 'car', 1n, 1000)),
      ok(2, event(8n, 'bus', 2n, 3_700_000)),
      ok(3, event(7n, 'dog', 3n, 0)),
      ok(4, event(9n, '自転車 🚲', 1n, 86_400_000)),
    ];
    const classified = classifyBatch(messages);
    const plan = planBatch({ partition: 4, classified, existingLineage: new Map(), reference: new Map(), lateAfterMs: 600_000 });
    const planned = new Set(plan.counters.filter((c) => c.address.table !== 'meta').map((c) => counterId(c.address)));
    const likely = new Set(likelyCounterAddresses(4, classified).map(counterId));
    expect([...likely].sort()).to.deep.equal([...planned].sort());
  });
});
