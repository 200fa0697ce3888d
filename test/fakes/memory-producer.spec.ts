// The in-memory producers keep what Kafka would: acknowledged batches, and only
// committed transactions of the partition's current owner.

import { expect } from 'chai';
import { KafkaError } from '../../common/errors';
import { MemoryGroup, MemoryPartitionOutput, MemoryProducer } from './memory-producer';

describe('MemoryProducer', () => {
  it('keeps the records of each acknowledged batch, none of a failed one', async () => {
    const producer = new MemoryProducer();
    await producer.sendBatch({ topicMessages: [{ topic: 'a', messages: [{ value: '1' }, { value: '2' }] }] });
    producer.failWith = new KafkaError('broker down', { retriable: true });
    expect(
      await producer.sendBatch({ topicMessages: [{ topic: 'a', messages: [{ value: '3' }] }] }).catch((e: unknown) => e),
    ).to.be.instanceOf(KafkaError);
    expect(producer.sent).to.equal(2);
    expect(producer.messagesOf('a').map((m) => m.value)).to.deep.equal(['1', '2']);
  });
});

describe('MemoryPartitionOutput', () => {
  it('commits records with the offset, or neither; claim answers the committed offset', async () => {
    const output = new MemoryPartitionOutput();
    expect(await output.claim(0)).to.equal(undefined);
    await output.sendAndCommit(0, [{ topic: 'dl', messages: [{ value: 'x' }] }], '5');
    output.failWith = () => new KafkaError('refused');
    await output.sendAndCommit(0, [{ topic: 'dl', messages: [{ value: 'y' }] }], '9').catch(() => undefined);
    expect(await output.claim(0)).to.equal(5n);
    expect(output.group.records.map((r) => r.message.value)).to.deep.equal(['x']);
  });

  it("a new owner's claim fences the old one, whose later transactions fail", async () => {
    const group = new MemoryGroup();
    const old = new MemoryPartitionOutput(group);
    const next = new MemoryPartitionOutput(group);
    await old.claim(0);
    await old.sendAndCommit(0, [], '3');
    expect(await next.claim(0)).to.equal(3n);
    expect(await old.sendAndCommit(0, [], '7').catch((e: unknown) => e)).to.be.instanceOf(KafkaError);
    expect(group.committed.get(0)).to.equal(3n);
  });
});
