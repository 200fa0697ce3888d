// Property test: the speed layer and the landing writer judge every record the
// same way (common/contract judgeRecord, one clock: the record timestamp), over
// edge timestamps of both the event and the Kafka record. Pure, no stack.
import { expect } from 'chai';
import { PartitionBuffer } from '../../batch-layer/landing/partition-buffer';
import { DEFAULT_MAX_FUTURE_MS, DEFAULT_MIN_TIMESTAMP_MS, MAX_TIMESTAMP_MS } from '../../common/contract';
import { classifyBatch } from '../../speed-layer/classify-batch';

const DAY = 86_400_000;
const base = Date.UTC(2026, 11, 1, 23, 59, 30);
const recordEdges = [
  base,
  DEFAULT_MIN_TIMESTAMP_MS,
  DEFAULT_MIN_TIMESTAMP_MS - 1,
  MAX_TIMESTAMP_MS,
  MAX_TIMESTAMP_MS + 1,
  3e14,
  -1,
  0,
  8.64e15,
  1e16,
  Number.NaN,
];
const eventEdges = (record: number): unknown[] => [
  record,
  record + DEFAULT_MAX_FUTURE_MS,
  record + DEFAULT_MAX_FUTURE_MS + 1,
  record - 1,
  DEFAULT_MIN_TIMESTAMP_MS,
  DEFAULT_MIN_TIMESTAMP_MS - 1,
  MAX_TIMESTAMP_MS,
  MAX_TIMESTAMP_MS + 1,
  3e14,
  '9223372036854775807',
  '-9223372036854775808',
  '99999999999999999999',
  1.5,
  -5,
  base - 31 * DAY,
  base + DAY,
];

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('one judgement for both layers (property over edge timestamps)', () => {
  it('accepts in the speed layer exactly what the landing writer lands', () => {
    const rnd = random(14);
    const cases: { record: number; detected: unknown }[] = [];
    for (const record of recordEdges) for (const detected of eventEdges(record)) cases.push({ record, detected });
    for (let i = 0; i < 2000; i++) {
      const record = recordEdges[Math.floor(rnd() * recordEdges.length)] as number;
      const jitter = Math.round((rnd() - 0.5) * 4 * DAY);
      cases.push({ record, detected: (Number.isFinite(record) ? record : base) + DEFAULT_MAX_FUTURE_MS + jitter });
    }
    let accepted = 0;
    cases.forEach(({ record, detected }, i) => {
      const value = Buffer.from(
        `{"geographical_location_oid":"1","video_camera_oid":"2","detection_oid":"${i + 1}","item_name":"car","timestamp_detected":${typeof detected === 'string' ? `"${detected}"` : String(detected)}}`,
      );
      const speed = classifyBatch([{ partition: 0, offset: String(i), key: Buffer.from(String(i + 1)), value, timestampMs: record }])[0];
      const landing = new PartitionBuffer(0);
      landing.add({ key: Buffer.from(String(i + 1)), value, offset: String(i), timestamp: String(record) }, 0);
      const speedValid = speed?.kind === 'valid';
      expect(landing.rows.length === 1, `record ts ${record}, timestamp_detected ${String(detected)}: speed ${speedValid}`).to.equal(
        speedValid,
      );
      if (speedValid) {
        accepted++;
        expect(Number.isSafeInteger(speed.event.timestampDetected) && speed.event.timestampDetected <= MAX_TIMESTAMP_MS).to.equal(true);
      }
    });
    expect(accepted).to.be.greaterThan(100);
    expect(accepted).to.be.lessThan(cases.length);
  });
});
