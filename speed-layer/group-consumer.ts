// The consumer group member of the speed layer and of the rekey stage: manual
// offsets (each stage commits only what it has written), the session lease
// confirmed by heartbeats and joins, and a new consumer when kafkajs gives up
// on one (it does not restart on every error), until the stage stops.

import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { errorMessage } from '../common/errors';
import type { Logger } from '../common/log';
import { retry, sleep } from '../common/retry';
import type { SessionLease } from './session-lease';

export interface GroupConsumerOptions {
  readonly groupId: string;
  readonly topic: string;
  readonly sessionTimeoutMs: number;
  readonly maxBytesPerPartition: number;
  readonly maxBytes?: number;
  readonly partitionsConsumedConcurrently: number;
  readonly lease: SessionLease;
  readonly log: Logger;
  /** Aborted when a stop must not wait any longer. */
  readonly signal: AbortSignal;
  readonly stopping: () => boolean;
  /** After every (re)join, with the partitions now held: batches of the previous assignment must not commit. */
  readonly joined: (partitions: readonly number[]) => void;
  /** A crashed consumer is being replaced: its batches must not commit either. */
  readonly replaced: () => void;
  readonly eachBatch: (payload: EachBatchPayload) => Promise<void>;
}

export class GroupConsumer {
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: GroupConsumerOptions,
  ) {}

  /** Resolves once the first consumer runs. */
  async start(): Promise<void> {
    const { groupId, topic, sessionTimeoutMs, maxBytesPerPartition, maxBytes, lease, log, signal, stopping, joined, replaced } =
      this.options;
    const onRetry = (what: string) => (error: unknown, attempt: number, delayMs: number) =>
      log.warn(`${what} failed (attempt ${attempt}), retrying in ${delayMs} ms: ${errorMessage(error)}`);
    const current = this.kafka.consumer({
      groupId,
      sessionTimeout: sessionTimeoutMs,
      heartbeatInterval: Math.floor(sessionTimeoutMs / 5),
      maxBytesPerPartition,
      ...(maxBytes === undefined ? {} : { maxBytes }),
      maxWaitTimeInMs: 500,
      retry: { retries: 10, restartOnFailure: async () => true },
    });
    this.consumer = current;
    current.on(current.events.HEARTBEAT, () => lease.confirmed());
    current.on(current.events.GROUP_JOIN, ({ payload }) => {
      lease.confirmed();
      const partitions = Object.values(payload.memberAssignment).flat();
      joined(partitions);
      log.info(`joined group ${groupId}: partitions ${partitions.join(',') || '(none)'} of ${topic}`);
    });
    current.on(current.events.CRASH, ({ payload }) => {
      log.error(`consumer crashed (${payload.restart ? 'kafkajs restarts it' : 'starting a new one'}): ${errorMessage(payload.error)}`);
      if (payload.restart || stopping()) return;
      replaced();
      void current
        .disconnect()
        .catch(() => undefined)
        .then(() => sleep(2000))
        .then(() => (stopping() ? undefined : this.start()))
        .catch((error: unknown) => log.error(`could not start a new consumer: ${errorMessage(error)}`));
    });
    await retry(() => current.connect(), { retries: Infinity, signal, onRetry: onRetry('Kafka consumer connection') });
    await retry(() => current.subscribe({ topic, fromBeginning: true }), {
      retries: Infinity,
      signal,
      onRetry: onRetry('Kafka subscribe'),
    });
    await current.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachBatch: this.options.eachBatch,
    });
  }

  /** Leaves the group: kafkajs waits for the batches in hand. */
  async disconnect(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
