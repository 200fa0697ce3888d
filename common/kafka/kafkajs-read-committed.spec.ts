// kafkajs's read_committed filter (patched in ops/patches/kafkajs+2.2.4.patch).
// The broker lists a fetch's aborted transactions in the order they were
// aborted; kafkajs 2.2.4 took them in that order, one per message, and so let
// through the records of an aborted transaction that started before an
// earlier-listed one. The rekey stage hits it whenever a killed instance's
// open transactions (one per source partition, interleaved in each detections
// partition) are aborted in another order than they began: their records were
// read as committed, a second copy of what the next owner republished.

import { expect } from 'chai';

interface FetchedMessage {
  readonly offset: string;
  readonly key: Buffer | null;
  readonly isControlRecord: boolean;
  readonly batchContext: { readonly producerId: string; readonly inTransaction: boolean };
}
type FilterAbortedMessages = (args: {
  messages: FetchedMessage[];
  abortedTransactions: { producerId: string; firstOffset: string }[];
}) => FetchedMessage[];

// eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module of kafkajs, without typings
const filterAbortedMessages = require('kafkajs/src/consumer/filterAbortedMessages') as FilterAbortedMessages;

const ABORT = Buffer.from([0, 0, 0, 0]);
const COMMIT = Buffer.from([0, 0, 0, 1]);
const record = (offset: number, producerId: string, inTransaction = true): FetchedMessage => ({
  offset: String(offset),
  key: null,
  isControlRecord: false,
  batchContext: { producerId, inTransaction },
});
const marker = (offset: number, producerId: string, key: Buffer): FetchedMessage => ({
  offset: String(offset),
  key,
  isControlRecord: true,
  batchContext: { producerId, inTransaction: true },
});
const offsets = (messages: FetchedMessage[]): string[] => messages.filter((m) => !m.isControlRecord).map((m) => m.offset);

describe('kafkajs read_committed filter (patched)', () => {
  it('drops every aborted transaction, whatever order the broker lists them in', () => {
    // Producers 1, 2, 3 begin at 0, 2, 4 and abort in the reverse order; producer 4 commits.
    const messages = [
      record(0, '1'),
      record(1, '1'),
      record(2, '2'),
      record(3, '2'),
      record(4, '3'),
      record(5, '4'),
      record(6, '1'),
      marker(7, '3', ABORT),
      marker(8, '2', ABORT),
      marker(9, '1', ABORT),
      marker(10, '4', COMMIT),
    ];
    const abortedTransactions = [
      { producerId: '3', firstOffset: '4' },
      { producerId: '2', firstOffset: '2' },
      { producerId: '1', firstOffset: '0' },
    ];
    expect(offsets(filterAbortedMessages({ messages, abortedTransactions }))).to.deep.equal(['5']);
  });

  it('drops transactions that began before the fetched offset, every one of them from the first message', () => {
    const messages = [
      record(50, '2'),
      record(51, '1'),
      record(52, '5'),
      marker(53, '1', ABORT),
      marker(54, '2', ABORT),
      record(55, '1', false),
    ];
    const abortedTransactions = [
      { producerId: '1', firstOffset: '10' },
      { producerId: '2', firstOffset: '20' },
    ];
    expect(offsets(filterAbortedMessages({ messages, abortedTransactions }))).to.deep.equal(['52', '55']);
  });

  it('keeps a producer’s later transaction once its aborted one ended', () => {
    const messages = [record(0, '1'), marker(1, '1', ABORT), record(2, '1'), marker(3, '1', COMMIT)];
    expect(offsets(filterAbortedMessages({ messages, abortedTransactions: [{ producerId: '1', firstOffset: '0' }] }))).to.deep.equal(['2']);
  });

  it('takes only a control record as the end of an aborted transaction, not a record keyed like one', () => {
    const messages = [record(0, '1'), { ...record(1, '1'), key: Buffer.from(ABORT) }, record(2, '1'), marker(3, '1', ABORT)];
    expect(offsets(filterAbortedMessages({ messages, abortedTransactions: [{ producerId: '1', firstOffset: '0' }] }))).to.deep.equal([]);
  });
});
