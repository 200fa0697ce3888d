// read_committed through the local Kafka, as the rekey stage leaves the
// detections topic after a SIGKILL: several transactional producers write
// interleaved into one partition and are aborted in the reverse order of their
// first records (the broker then lists the aborted transactions in abort
// order). kafkajs 2.2.4 unpatched handed the older ones' records to
// read_committed readers; they must see only the committed transaction.

import { expect } from 'chai';
import type { Producer, Transaction } from 'kafkajs';
import { loadConfig } from '../../common/config';
import { createKafka, withKafkaAdmin } from '../../common/kafka';
import { sleep } from '../../common/retry';
import { randomName } from '../helpers/random-name';
import { readCommittedValues } from '../helpers/read-committed';

describe('Kafka read_committed', function () {
  this.timeout(120_000);
  const config = loadConfig();
  const topic = randomName('test-aborts');
  const kafka = createKafka(config, { clientIdSuffix: 'test-aborts' });
  const producers: Producer[] = [];

  after(async () => {
    for (const producer of producers) await producer.disconnect().catch(() => undefined);
    await withKafkaAdmin(config, {}, (admin) => admin.deleteTopics({ topics: [topic] }));
  });

  it('skips every aborted transaction of interleaved producers, whatever order they were aborted in', async () => {
    await withKafkaAdmin(config, {}, (admin) =>
      admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor: 1 }] }),
    );
    const transactions: Transaction[] = [];
    for (let i = 0; i < 3; i++) {
      const producer = kafka.producer({ transactionalId: `${topic}.${i}`, idempotent: true, maxInFlightRequests: 1 });
      producers.push(producer);
      await producer.connect();
      transactions.push(await producer.transaction());
    }
    const send = (transaction: Transaction, tag: string): Promise<unknown> =>
      transaction.send({ topic, acks: -1, messages: Array.from({ length: 10 }, (_, i) => ({ partition: 0, value: `${tag}-${i}` })) });
    for (const [i, transaction] of transactions.entries()) await send(transaction, `aborted-${i}`);
    await send(transactions[0] as Transaction, 'aborted-0-again');
    // Newest first; the pause lets each abort marker land before the next abort is asked for.
    for (const transaction of [...transactions].reverse()) {
      await transaction.abort();
      await sleep(500);
    }
    const last = await (producers[0] as Producer).transaction();
    await send(last, 'committed');
    await last.commit();

    const seen = await readCommittedValues(kafka, topic, 10); // anything aborted would arrive before the committed records anyway
    expect(seen).to.deep.equal(Array.from({ length: 10 }, (_, i) => `committed-${i}`));
  });
});
