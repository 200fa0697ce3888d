import { expect } from 'chai';
import { PartitionBuffer } from './partition-buffer';

const message = (offset: number, value: string, key: string | null, ts = Date.UTC(2024, 4, 1, 12)) => ({
  offset: String(offset),
  value: Buffer.from(value),
  key: key === null ? null : Buffer.from(key),
  timestamp: String(ts),
});

describe('PartitionBuffer', () => {
  it('keeps valid events with their lineage, counts invalid ones by Kafka day, spans every offset', () => {
    const buffer = new PartitionBuffer(4);
    const event =
      '{"geographical_location_oid":"1","video_camera_oid":"2","detection_oid":"9007199254740993","item_name":"cat","timestamp_detected":1714564800000}';
    buffer.add(message(10, event, '9007199254740993'), 1);
    buffer.add(message(11, '{oops', 'x'), 2);
    buffer.add(message(12, event, '12'), 3); // key does not match the oid
    expect(buffer.rows).to.have.length(1);
    expect(buffer.rows[0]).to.include({ detectionOid: 9007199254740993n, partition: 4, offset: 10n, itemName: 'cat' });
    expect(Object.fromEntries(buffer.invalidByDay)).to.deep.equal({ '2024-05-01': 2 });
    expect([buffer.firstOffset, buffer.lastOffset, buffer.messages, buffer.startedAt]).to.deep.equal([10n, 12n, 3, 1]);
  });
});
