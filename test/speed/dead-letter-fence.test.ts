// The dead-letter transaction's fence, on the real Kafka. kafkajs's
// transactional offset commits carry no group generation, so the previous
// owner of a partition can still commit dead letters and offsets after the new
// owner fetched the group's offset. claim() fences first and reads the offset
// after, so the new owner sees that late commit (and skips what it covers), and
// nothing the old owner sends after the fence becomes visible.

import { expect } from 'chai';
import { loadConfig } from '../../common/config';
import { committedOffsets, createKafka, withKafkaAdmin } from '../../common/kafka';
import type { ConsumedMessage } from '../../speed-layer/consumed-message';
import { DeadLetterSender, deadLetterTransactions, type DeadLetterTarget } from '../../speed-layer/dead-letter-sender';
import type { DeadLetter } from '../../speed-layer/plan-batch';
import { randomName } from '../helpers/random-name';
import { readDeadLetters } from './speed-env';

describe('dead-letter fence: an earlier owner of a partition', function () {
  this.timeout(120_000);
  const base = loadConfig();
  const target: DeadLetterTarget = {
    deadLetterTopic: randomName('test-fence-dead-letters'),
    sourceTopic: randomName('test-fence-source'),
    groupId: randomName('test-fence-group'),
    transactionTimeoutMs: 15_000,
  };
  const config = { ...base, kafka: { ...base.kafka, deadLetterTopic: target.deadLetterTopic } };
  const senders: DeadLetterSender[] = [];

  const deadLetter = (offset: number): DeadLetter => {
    const message: ConsumedMessage = {
      partition: 0,
      offset: String(offset),
      key: Buffer.from(`oid-${offset}`),
      value: Buffer.from('{"bad":'),
      timestampMs: Date.now(),
    };
    return { message, offset: BigInt(offset), rejection: { ok: false, reason: 'malformed_json', message: 'not JSON' } };
  };
  const committedOffset = async (): Promise<bigint | undefined> =>
    withKafkaAdmin(config, {}, async (admin) => (await committedOffsets(admin, target.groupId, target.sourceTopic)).get(0));

  before(async () => {
    await withKafkaAdmin(config, {}, (admin) =>
      admin.createTopics({
        waitForLeaders: true,
        topics: [target.sourceTopic, target.deadLetterTopic].map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
      }),
    );
  });

  after(async () => {
    await Promise.all(senders.map((sender) => sender.close()));
    await withKafkaAdmin(config, {}, (admin) => admin.deleteTopics({ topics: [target.sourceTopic, target.deadLetterTopic] }));
  });

  it('commits after the new owner fetched the offset: claim() sees it; after the fence it commits nothing', async () => {
    const oldOwner = new DeadLetterSender(
      deadLetterTransactions(createKafka(config, { clientIdSuffix: 'test-old-owner' }), target),
      target,
    );
    const newOwner = new DeadLetterSender(
      deadLetterTransactions(createKafka(config, { clientIdSuffix: 'test-new-owner' }), target),
      target,
    );
    senders.push(oldOwner, newOwner);

    await oldOwner.sendAndCommit(0, [deadLetter(3)], '5');
    // The new owner is assigned the partition and kafkajs fetches the group's offset.
    expect(await committedOffset()).to.equal(5n);
    // The old owner's transaction in flight lands before the new owner has fenced it.
    await oldOwner.sendAndCommit(0, [deadLetter(7)], '10');

    expect(await newOwner.claim(0)).to.equal(10n);

    const fenced = await oldOwner.sendAndCommit(0, [deadLetter(12)], '15').then(
      () => 'committed',
      (error: unknown) => String(error),
    );
    expect(fenced).to.not.equal('committed');
    expect(await committedOffset()).to.equal(10n);
    const records = await readDeadLetters(config, 2);
    expect(records.map((r) => r.source)).to.deep.equal(['0:3', '0:7']);
  });

  it('a partition the group never committed claims as undefined', async () => {
    const fresh = { ...target, groupId: randomName('test-fence-fresh') };
    const sender = new DeadLetterSender(deadLetterTransactions(createKafka(config, { clientIdSuffix: 'test-fresh-owner' }), fresh), fresh);
    senders.push(sender);
    expect(await sender.claim(0)).to.equal(undefined);
  });
});
