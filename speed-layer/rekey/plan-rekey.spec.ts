import { expect } from 'chai';
import { DEAD_LETTER_HEADERS } from '../../common/contract';
import { planRekey, type RekeyMessage } from './plan-rekey';

const now = Date.UTC(2026, 0, 2, 12);
const value = (oid: string, extra: Record<string, unknown> = {}): Buffer =>
  Buffer.from(
    JSON.stringify({
      geographical_location_oid: '7',
      video_camera_oid: '70',
      detection_oid: oid,
      item_name: 'bus',
      timestamp_detected: now - 1000,
      ...extra,
    }),
  );
const message = (offset: number, key: string | null, body: Buffer | null): RekeyMessage => ({
  partition: 3,
  offset: String(offset),
  key: key === null ? null : Buffer.from(key),
  value: body,
  timestampMs: now,
});

describe('planRekey', () => {
  it('keys valid events by detection_oid whatever key they came with, keeping value bytes and timestamp', () => {
    const body = value('9223372036854775807');
    const plan = planRekey([message(0, null, body), message(1, '70', value('12')), message(2, '12', value('12'))], 'edge');
    expect(plan.republish.map((r) => r.key)).to.deep.equal(['9223372036854775807', '12', '12']);
    expect(plan.republish[0]?.value).to.equal(body);
    expect(plan.republish.every((r) => r.timestamp === String(now))).to.equal(true);
    expect(plan.deadLetters).to.deep.equal([]);
  });

  it('dead-letters what fails the contract with its reason and origin, bytes unchanged', () => {
    const bad = Buffer.from('{"detection_oid":');
    const plan = planRekey(
      [message(5, 'camera-1', bad), message(6, null, null), message(7, null, value('1', { item_name: '' })), message(8, null, value('3'))],
      'edge',
    );
    expect(plan.republish.map((r) => r.key)).to.deep.equal(['3']);
    expect(plan.deadLetters.map((d) => d.headers?.[DEAD_LETTER_HEADERS.reason])).to.deep.equal([
      'malformed_json',
      'not_an_object',
      'item_name_empty',
    ]);
    expect(plan.deadLetters[0]?.value).to.equal(bad);
    expect(String(plan.deadLetters[0]?.key)).to.equal('camera-1');
    expect(plan.deadLetters[0]?.headers?.[DEAD_LETTER_HEADERS.sourceTopic]).to.equal('edge');
    expect(plan.deadLetters[0]?.headers?.[DEAD_LETTER_HEADERS.sourceOffset]).to.equal('5');
    expect([...plan.reasons]).to.deep.equal([
      ['malformed_json', 1],
      ['not_an_object', 1],
      ['item_name_empty', 1],
    ]);
  });

  it('judges the timestamp against the record time, not the wall clock', () => {
    const old = {
      partition: 0,
      offset: '0',
      key: null,
      value: value('4', { timestamp_detected: Date.UTC(2020, 0, 1) }),
      timestampMs: Date.UTC(2020, 0, 1, 1),
    };
    expect(planRekey([old], 'edge').republish).to.have.length(1);
  });
});
