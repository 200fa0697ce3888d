import { expect } from 'chai';
import { DEAD_LETTER_HEADERS, deadLetterHeaders, isRejectReason, parseDeadLetterHeaders } from './dead-letter';

const info = {
  reason: 'invalid_int64',
  message: 'detection_oid: "1e3" is not a decimal integer',
  sourceTopic: 'utopia.detections',
  sourcePartition: 7,
  sourceOffset: '9007199254740993',
} as const;

describe('dead-letter headers', () => {
  it('round-trips through Buffers as kafkajs delivers them', () => {
    const headers = deadLetterHeaders(info);
    expect(headers[DEAD_LETTER_HEADERS.reason]).to.equal('invalid_int64');
    const asBuffers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)]));
    expect(parseDeadLetterHeaders(asBuffers)).to.deep.equal(info);
  });

  it('truncates long messages', () => {
    const headers = deadLetterHeaders({ ...info, message: 'x'.repeat(5000) });
    expect(headers[DEAD_LETTER_HEADERS.message]).to.have.length(1001);
  });

  it('ignores headers that are not ours or have an unknown reason or bad partition', () => {
    expect(parseDeadLetterHeaders({})).to.equal(undefined);
    expect(parseDeadLetterHeaders({ ...deadLetterHeaders(info), [DEAD_LETTER_HEADERS.reason]: 'whatever' })).to.equal(undefined);
    expect(parseDeadLetterHeaders({ ...deadLetterHeaders(info), [DEAD_LETTER_HEADERS.sourcePartition]: '' })).to.equal(undefined);
    expect(parseDeadLetterHeaders({ ...deadLetterHeaders(info), [DEAD_LETTER_HEADERS.sourcePartition]: '-1' })).to.equal(undefined);
  });

  it('knows the reject reasons', () => {
    expect(isRejectReason('key_mismatch')).to.equal(true);
    expect(isRejectReason('nope')).to.equal(false);
    expect(isRejectReason(1)).to.equal(false);
  });
});
