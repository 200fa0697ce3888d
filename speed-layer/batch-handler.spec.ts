import { expect } from 'chai';
import { firstUncommitted, nextOffset } from './batch-handler';

describe('batch handler: messages an earlier owner already committed', () => {
  const messages = ['40', '41', '42', '43'].map((offset) => ({ offset }));

  it('processes everything when the group has no committed offset', () => {
    expect(firstUncommitted(messages, undefined)).to.equal(0);
  });

  it('starts at the committed offset, which is the next message to process', () => {
    expect(firstUncommitted(messages, 40n)).to.equal(0);
    expect(firstUncommitted(messages, 42n)).to.equal(2);
  });

  it('skips the whole batch when the commit is past it', () => {
    expect(firstUncommitted(messages, 44n)).to.equal(4);
  });

  it('compares offsets as integers beyond 2^53', () => {
    const big = ['9007199254740993', '9007199254740994'].map((offset) => ({ offset }));
    expect(firstUncommitted(big, 9007199254740994n)).to.equal(1);
  });
});

describe('nextOffset', () => {
  // Offsets 10, 11 are data, 12 the commit marker of the transaction that wrote them.
  const batch = { messages: [{ offset: '10' }, { offset: '11' }], lastOffset: () => '12' };

  it("commits past the trailing transaction marker after the batch's last message", () => {
    expect(nextOffset(batch, '11')).to.equal('13');
  });

  it('commits right after an earlier chunk of the batch', () => {
    expect(nextOffset(batch, '10')).to.equal('11');
  });

  it('commits after the last message when nothing trails it', () => {
    expect(nextOffset({ messages: batch.messages, lastOffset: () => '11' }, '11')).to.equal('12');
  });
});
