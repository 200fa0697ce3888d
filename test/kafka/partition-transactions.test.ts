// PartitionTransactions against the local Kafka when a transaction's commit
// lands but its reply is lost (a broken connection right after the broker
// wrote the commit): the caller sees an error and retries the same records and
// offset. The retry must find the offset committed and send nothing, or
// read_committed readers see the records twice. A failure before the commit
// must still be retried in full.

import { expect } from 'chai';
import { KafkaJSConnectionError, type Kafka, type Producer, type Transaction } from 'kafkajs';
import { loadConfig } from '../../common/config';
import { committedOffsets, createKafka, PartitionTransactions, withKafkaAdmin } from '../../common/kafka';
import { randomName } from '../helpers/random-name';
import { readCommittedValues } from '../helpers/read-committed';

type Failure = 'commit-reply-lost' | 'send-failed';

/** The real client, whose producers' first transaction fails as `failure` says. */
function failingOnce(kafka: Kafka, failure: Failure): Kafka {
  let failed = false;
  const failOnce = (): boolean => !failed && (failed = true);
  const transactionOf = (real: Transaction): Transaction =>
    new Proxy(real, {
      get(target, name, receiver) {
        if (name === 'commit' && failure === 'commit-reply-lost')
          return async () => {
            await target.commit();
            if (failOnce()) throw new KafkaJSConnectionError('connection closed before the commit reply (test)');
          };
        if (name === 'send' && failure === 'send-failed')
          return (record: Parameters<Transaction['send']>[0]) =>
            failOnce() ? Promise.reject(new KafkaJSConnectionError('connection closed mid-send (test)')) : target.send(record);
        return Reflect.get(target, name, receiver) as unknown;
      },
    });
  const producerOf = (real: Producer): Producer =>
    new Proxy(real, {
      get(target, name, receiver) {
        if (name === 'transaction') return async () => transactionOf(await target.transaction());
        return Reflect.get(target, name, receiver) as unknown;
      },
    });
  return new Proxy(kafka, {
    get(target, name, receiver) {
      if (name === 'producer') return (options: Parameters<Kafka['producer']>[0]) => producerOf(target.producer(options));
      return Reflect.get(target, name, receiver) as unknown;
    },
  });
}

describe('PartitionTransactions: a retried transaction', function () {
  this.timeout(120_000);
  const config = loadConfig();
  const kafka = createKafka(config, { clientIdSuffix: 'test-transactions' });
  const topics: string[] = [];

  after(async () => {
    await withKafkaAdmin(config, {}, (admin) => admin.deleteTopics({ topics }));
  });

  async function retriedOnce(failure: Failure): Promise<{ seen: string[]; committed: bigint | undefined; firstFailed: boolean }> {
    const source = randomName('test-txn-source');
    const output = randomName('test-txn-output');
    const groupId = randomName('test-txn-group');
    topics.push(source, output);
    await withKafkaAdmin(config, {}, (admin) =>
      admin.createTopics({
        waitForLeaders: true,
        topics: [source, output].map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
      }),
    );
    const transactions = new PartitionTransactions(failingOnce(kafka, failure), {
      sourceTopic: source,
      groupId,
      role: 'test',
      transactionTimeoutMs: 60_000,
    });
    const records = [{ topic: output, messages: ['a', 'b', 'c'].map((value) => ({ partition: 0, value })) }];
    let firstFailed = false;
    try {
      await transactions.sendAndCommit(0, records, '3').catch(() => (firstFailed = true));
      await transactions.sendAndCommit(0, records, '3'); // the caller's retry
    } finally {
      await transactions.close();
    }
    const committed = await withKafkaAdmin(config, {}, async (admin) => (await committedOffsets(admin, groupId, source)).get(0));
    return { seen: await readCommittedValues(kafka, output, 3), committed, firstFailed };
  }

  it('sends nothing again when the commit landed but its reply was lost', async () => {
    const { seen, committed, firstFailed } = await retriedOnce('commit-reply-lost');
    expect(firstFailed, 'the first attempt must report the lost reply').to.equal(true);
    expect(seen).to.deep.equal(['a', 'b', 'c']);
    expect(committed).to.equal(3n);
  });

  it('sends everything again when the first attempt failed before its commit', async () => {
    const { seen, committed, firstFailed } = await retriedOnce('send-failed');
    expect(firstFailed).to.equal(true);
    expect(seen).to.deep.equal(['a', 'b', 'c']);
    expect(committed).to.equal(3n);
  });
});
