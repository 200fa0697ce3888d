import { expect } from 'chai';
import { ValidationError } from '../errors';
import { DETECTION_EVENT_FIELDS, detectionEventKey, encodeDetectionEvent, toWire, type DetectionEvent } from './detection-event';
import { validateDetectionEvent } from './validate-event';

const event: DetectionEvent = {
  geographicalLocationOid: 9223372036854775807n,
  videoCameraOid: 7n,
  detectionOid: 9007199254740993n,
  itemName: '自転車 🚲 "quoted"',
  timestampDetected: 1_700_000_000_123,
};

describe('detection event wire form', () => {
  it('writes the oids as decimal strings and the timestamp as a number, in contract order', () => {
    const text = encodeDetectionEvent(event);
    expect(text).to.equal(
      '{"geographical_location_oid":"9223372036854775807","video_camera_oid":"7","detection_oid":"9007199254740993",' +
        '"item_name":"自転車 🚲 \\"quoted\\"","timestamp_detected":1700000000123}',
    );
    expect(Object.keys(JSON.parse(text) as object)).to.deep.equal(DETECTION_EVENT_FIELDS);
  });

  it('round-trips through the validator exactly', () => {
    const result = validateDetectionEvent(Buffer.from(encodeDetectionEvent(event)), { now: () => 1_700_000_000_000 });
    expect(result).to.deep.equal({ ok: true, event });
  });

  it('toWire refuses an oid outside int64 rather than writing it', () => {
    expect(() => toWire({ ...event, detectionOid: 2n ** 63n })).to.throw(ValidationError);
  });

  it('keys messages by detection_oid in decimal', () => {
    expect(detectionEventKey(event)).to.equal('9007199254740993');
  });
});
