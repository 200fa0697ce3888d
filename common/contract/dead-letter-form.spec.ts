import { expect } from 'chai';
import { DEAD_LETTER_HEADERS, deadLetterRecord, detectionOidOf, parseDeadLetterHeaders, type DeadLetterInfo } from './dead-letter';

const info: DeadLetterInfo = {
  reason: 'item_name_too_long',
  message: 'x'.repeat(900),
  sourceTopic: 't',
  sourcePartition: 4,
  sourceOffset: '9007199254740993',
};
const big = Buffer.from(`{"detection_oid":"123456789012","item_name":"${'é'.repeat(6000)}"}`);

describe('dead letters too large for their topic', () => {
  it('keeps the record as it is in the full form', () => {
    const record = deadLetterRecord(Buffer.from('123456789012'), big, info, 'full');
    expect(record.value).to.equal(big);
    expect(record.headers[DEAD_LETTER_HEADERS.truncatedFrom]).to.equal(undefined);
  });

  it('summarises it: a short value, the reason, partition, offset, oid and original size kept', () => {
    const record = deadLetterRecord(Buffer.from('123456789012'), big, info, 'summary');
    expect(record.value?.length).to.be.at.most(256);
    const read = parseDeadLetterHeaders(record.headers);
    expect(read).to.include({
      reason: 'item_name_too_long',
      sourcePartition: 4,
      sourceOffset: '9007199254740993',
      detectionOid: '123456789012',
      truncatedFromBytes: big.length,
    });
    expect(read?.message.length).to.be.at.most(200);
  });

  it('keeps no value at all in the minimal form, but never loses where the event was', () => {
    const record = deadLetterRecord(Buffer.from('k'.repeat(5000)), big, info, 'minimal');
    expect(record.value).to.equal(null);
    expect(record.key?.toString()).to.equal('123456789012');
    expect(parseDeadLetterHeaders(record.headers)).to.include({
      reason: 'item_name_too_long',
      sourceOffset: '9007199254740993',
      detectionOid: '123456789012',
    });
  });

  it('reads the oid from the key first, then from the value', () => {
    expect(detectionOidOf(Buffer.from('42'), null)).to.equal('42');
    expect(detectionOidOf(Buffer.from('not-an-oid'), Buffer.from('{"detection_oid": 77}'))).to.equal('77');
    expect(detectionOidOf(null, Buffer.from('garbage'))).to.equal(undefined);
  });
});
