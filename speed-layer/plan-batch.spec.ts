import { expect } from 'chai';
import { encodeDetectionEvent, type DetectionEvent } from '../common/contract';
import { classifyBatch } from './classify-batch';
import type { ConsumedMessage } from './consumed-message';
import { planBatch } from './plan-batch';

const now = Date.UTC(2026, 10, 22, 12, 0, 0);
const event = (oid: bigint, item = 'car', location = 1n): DetectionEvent => ({
  geographicalLocationOid: location,
  videoCameraOid: 2n,
  detectionOid: oid,
  itemName: item,
  timestampDetected: now - 1000,
});
const message = (offset: number, value: string | null, key: string | null): ConsumedMessage => ({
  partition: 3,
  offset: String(offset),
  key: key === null ? null : Buffer.from(key),
  value: value === null ? null : Buffer.from(value),
  timestampMs: now,
});
const ok = (offset: number, e: DetectionEvent) => message(offset, encodeDetectionEvent(e), e.detectionOid.toString());

function plan(messages: ConsumedMessage[], existing: [bigint, string][] = []) {
  return planBatch({
    partition: 3,
    classified: classifyBatch(messages),
    existingLineage: new Map(existing),
    reference: new Map([[1n, 'Harbour']]),
    lateAfterMs: 600_000,
  });
}

describe('planBatch', () => {
  it('keeps the first occurrence of an oid within a batch, even with another payload', () => {
    const result = plan([ok(10, event(7n)), ok(11, event(7n, 'bus')), ok(12, event(8n))]);
    expect(result.rows.map((r) => [r.detectionOid, r.itemName, r.lineage.offset])).to.deep.equal([
      [7n, 'car', '10'],
      [8n, 'car', '12'],
    ]);
    expect(result.figures).to.include({ accepted: 2, duplicates: 1 });
  });

  it('treats a row written by another message as a duplicate and our own earlier write as ours', () => {
    const result = plan(
      [ok(10, event(7n)), ok(11, event(8n))],
      [
        [7n, '3:2'],
        [8n, '3:11'],
      ],
    );
    expect(result.rows.map((r) => r.detectionOid)).to.deep.equal([8n]);
    expect(result.figures).to.include({ accepted: 1, duplicates: 1 });
  });

  it('dead-letters invalid events with their reason and flags unknown locations and late events', () => {
    const late = { ...event(9n, 'dog', 99n), timestampDetected: now - 3 * 3_600_000 };
    const result = plan([
      message(1, '{"broken', '5'),
      message(2, null, '6'),
      ok(3, event(5n)),
      message(4, encodeDetectionEvent(event(6n)), '66'),
      ok(5, late),
    ]);
    expect(result.deadLetters.map((d) => [d.offset, d.rejection.reason])).to.deep.equal([
      [1n, 'malformed_json'],
      [2n, 'not_an_object'],
      [4n, 'key_mismatch'],
    ]);
    expect(result.figures).to.deep.equal({ accepted: 2, duplicates: 0, dead_letters: 3, late: 1, unknown_location: 1 });
    expect(result.rows.map((r) => r.geographicalLocation)).to.deep.equal(['Harbour', null]);
  });

  it('contributes each accepted event to item and total cells of its location and of location 0', () => {
    const result = plan([ok(10, event(7n)), ok(11, event(8n))]);
    const live = result.counters.filter((c) => c.address.table === 'liveCounts');
    expect(live).to.have.length(4);
    for (const cell of live) {
      expect(cell.offsets).to.deep.equal([10n, 11n]);
      expect(cell.address.qualifier).to.equal('p3');
    }
  });
});
