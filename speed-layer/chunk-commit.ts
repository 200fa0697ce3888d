// The last step of a chunk in the batch handler: its offsets committed, with its
// dead letters in the same Kafka transaction when it has any. Both retried until
// Kafka takes them (the HBase writes before them are idempotent); `guard` refuses
// once the partition may belong to another instance.

import type { EachBatchPayload } from 'kafkajs';
import { DEAD_LETTER_FORMS, type DeadLetterForm } from '../common/contract';
import { errorMessage } from '../common/errors';
import { kafkaFailure } from '../common/kafka';
import type { Logger } from '../common/log';
import { retry, type RetryOptions } from '../common/retry';
import type { DeadLetterSender } from './dead-letter-sender';
import type { DeadLetter } from './plan-batch';
import type { SpeedMetrics } from './speed-metrics';

/** Attempts for a Kafka error of the dead-letter or commit step that is neither transient nor a refused record. */
export const FATAL_KAFKA_ATTEMPTS = 10;

export interface ChunkCommit {
  readonly payload: EachBatchPayload;
  /** The offset to commit (after the chunk's last message). */
  readonly next: string;
  /** Throws when the chunk must not commit any more. */
  readonly guard: () => void;
  /** Retry settings of the chunk (delays, signal, bail). */
  readonly retry: RetryOptions;
  /** Logs a failed attempt of the step named `what`. */
  readonly onRetry: (what: string) => NonNullable<RetryOptions['onRetry']>;
}

/** Kafka steps are retried without end, unless the error is fatal several times over. */
function kafkaRetry(commit: ChunkCommit, what: string): RetryOptions {
  return { ...commit.retry, retries: Infinity, fatalAttempts: FATAL_KAFKA_ATTEMPTS, onRetry: commit.onRetry(what) };
}

/**
 * Dead letters and the offsets in one transaction, retried as a whole. A record
 * the topic refuses (too large) is sent again in a smaller form, never dropped.
 */
export async function commitWithDeadLetters(
  commit: ChunkCommit,
  deadLetters: readonly DeadLetter[],
  sender: DeadLetterSender,
  metrics: SpeedMetrics,
  log: Logger,
): Promise<void> {
  const { partition } = commit.payload.batch;
  let form: DeadLetterForm = 'full';
  await retry(
    async () => {
      for (;;) {
        commit.guard();
        try {
          await sender.sendAndCommit(partition, deadLetters, commit.next, form);
          return;
        } catch (error) {
          const index = DEAD_LETTER_FORMS.indexOf(form);
          if (kafkaFailure(error) !== 'refused_record' || index === DEAD_LETTER_FORMS.length - 1) throw error;
          form = DEAD_LETTER_FORMS[index + 1] as DeadLetterForm;
          metrics.shrunkDeadLetters += deadLetters.length;
          log.warn(
            `dead-letter topic refused a record of partition ${partition} (${errorMessage(error)}): sending its ${deadLetters.length} dead letters in ${form} form`,
          );
        }
      }
    },
    kafkaRetry(commit, 'dead letters of partition'),
  );
}

/**
 * The offset alone, retried until Kafka takes it (committing an offset again is
 * harmless): kafkajs goes on fetching from its own position, so a commit lost in a
 * broker restart would otherwise leave the group's committed offset, and its lag,
 * behind until the next message of this partition. A revoked partition is left to its new owner.
 */
export async function commitOffset(commit: ChunkCommit): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kafkajs builds the payload's functions as closures, not methods
  const { batch, commitOffsetsIfNecessary } = commit.payload;
  await retry(
    async () => {
      commit.guard();
      await commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: commit.next }] }],
      });
    },
    kafkaRetry(commit, 'offset commit of partition'),
  );
}
