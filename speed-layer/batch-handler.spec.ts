import { expect } from 'chai';
import { firstUncommitted } from './batch-handler';

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
