// A real round trip through the local Kafka: keyed messages with int64 keys
// above 2^53 come back exactly, in order within their partition.

import { expect } from 'chai';
import { loadConfig } from '../../common/config';
import { createKafka, withKafkaAdmin } from '../../common/kafka';
import { parseJson } from '../helpers/api-bodies';
import { randomName } from '../helpers/random-name';

describe('Kafka adapter', function () {
  this.timeout(60_000);
  const config = loadConfig();
  const topic = randomName('test-round-trip');

  after(async () => {
    await withKafkaAdmin(config, {}, (admin) => admin.deleteTopics({ topics: [topic] }));
  });

  it('produces keyed messages and consumes them back byte-exact', async () => {
    await withKafkaAdmin(config, {}, (admin) =>
      admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3, replicationFactor: 1 }] }),
    );
    const kafka = createKafka(config, { clientIdSuffix: 'test' });
    const sent = Array.from({ length: 300 }, (_, i) => {
      const key = (2n ** 53n + BigInt(i)).toString();
      return { key, value: JSON.stringify({ detection_oid: key, item_name: `item ${i} 🚲 自転車` }) };
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: sent });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: randomName('test-group') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: { key: string; value: string; partition: number }[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${received.length} of ${sent.length} messages arrived`)), 45_000);
      consumer
        .run({
          eachMessage: async ({ message, partition }) => {
            received.push({ key: String(message.key), value: String(message.value), partition });
            if (received.length === sent.length) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();

    expect(received.map((m) => m.value).sort()).to.deep.equal(sent.map((m) => m.value).sort());
    for (const m of received) expect(parseJson<{ detection_oid: string }>(m.value).detection_oid).to.equal(m.key);
    // One key, one partition: retries of an event land where the original did.
    const partitionOfKey = new Map(received.map((m) => [m.key, m.partition]));
    expect(partitionOfKey.size).to.equal(sent.length);
    const perPartition = new Map<number, string[]>();
    for (const m of received) perPartition.set(m.partition, [...(perPartition.get(m.partition) ?? []), m.key]);
    for (const keys of perPartition.values()) expect(keys).to.deep.equal([...keys].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
  });
});
