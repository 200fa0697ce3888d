// A topic's values as a read_committed consumer sees them, from the beginning:
// what the exactly-once tests compare with what was committed.

import type { Kafka } from 'kafkajs';
import { sleep } from '../../common/retry';
import { randomName } from './random-name';

/** Waits for `expected` values (at most 60 s), then 2 s more: a copy or an aborted record would arrive by then. */
export async function readCommittedValues(kafka: Kafka, topic: string, expected: number): Promise<string[]> {
  const consumer = kafka.consumer({ groupId: randomName('test-reader') }); // readUncommitted: false
  const seen: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });
    const started = Date.now();
    while (seen.length < expected && Date.now() - started < 60_000) await sleep(100);
    await sleep(2000);
  } finally {
    await consumer.disconnect();
  }
  return seen;
}
