// The kafkajs eachBatch handler: cuts a fetched batch into chunks, and for each
// chunk runs processBatch through the chunk runner (chunk-runner.ts: store
// outages waited out, corrupt cells quarantined, a poison event isolated and
// dead-lettered after a bounded budget), then resolves and commits the chunk's
// offsets. Small chunks bound memory and the time between commits; a heartbeat
// timer keeps the session alive while a slow chunk is in hand. A stop request
// (stopAfterChunk) ends the batch after the chunk in hand is committed.

import type { EachBatchPayload } from 'kafkajs';
import { DEAD_LETTER_FORMS, type DeadLetterForm } from '../common/contract';
import { errorMessage, UtopiaError } from '../common/errors';
import { kafkaFailure } from '../common/kafka';
import type { Logger } from '../common/log';
import { retry } from '../common/retry';
import { processBatch, type BatchProcessorDeps } from './batch-processor';
import type { CellQuarantine } from './cell-quarantine';
import { runChunk } from './chunk-runner';
import type { ConsumedMessage } from './consumed-message';
import type { DeadLetterSender } from './dead-letter-sender';
import type { SessionLease } from './session-lease';
import type { SpeedMetrics } from './speed-metrics';

/** The partition was revoked while its batch was in hand: drop the rest, never commit it. */
export class BatchAbandoned extends UtopiaError {}

export interface BatchHandlerOptions {
  readonly deps: BatchProcessorDeps;
  readonly deadLetters: DeadLetterSender;
  readonly metrics: SpeedMetrics;
  readonly log: Logger;
  /** Aborted when a stop must not wait any longer. */
  readonly signal: AbortSignal;
  readonly chunkSize: number;
  /** Confirmed by the consumer's heartbeats: no write once it may have lost its partitions. */
  readonly lease: SessionLease;
  readonly quarantineCell: CellQuarantine;
  /** Attempts a chunk gets for a failure that is not a store outage before its poison event is isolated. */
  readonly poisonAttempts: number;
  /** True once the layer is stopping: the batch in hand ends after its current chunk is committed. */
  readonly stopping?: () => boolean;
}

/** Attempts for a Kafka error of the dead-letter or commit step that is neither transient nor a refused record. */
const FATAL_KAFKA_ATTEMPTS = 10;

export interface BatchHandler {
  handle(payload: EachBatchPayload): Promise<void>;
  /** After every (re)join: chunks of the previous assignment must not commit anything any more. */
  rejoined(): void;
}

export function createBatchHandler(options: BatchHandlerOptions): BatchHandler {
  const { deps, deadLetters, metrics, log, signal, chunkSize, lease, quarantineCell, poisonAttempts } = options;
  const stopping = options.stopping ?? (() => false);
  // One chunk of a partition at a time in this process, even across a rejoin, and a
  // generation number so a chunk of an earlier assignment cannot write its state back.
  const running = new Map<number, Promise<void>>();
  let generation = 0;
  // Per partition, the group's committed offset read after fencing its earlier owners, once per assignment.
  const claimed = new Map<number, bigint | undefined>();
  return {
    rejoined() {
      generation++;
      claimed.clear();
      deps.counters.clear();
    },
    async handle(payload) {
      const partition = payload.batch.partition;
      const previous = running.get(partition) ?? Promise.resolve();
      const current = previous.then(() => handleBatch(payload, generation));
      const settled = current.catch(() => undefined);
      running.set(partition, settled);
      try {
        await current;
      } finally {
        if (running.get(partition) === settled) running.delete(partition);
      }
    },
  };

  async function handleBatch(payload: EachBatchPayload, batchGeneration: number): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kafkajs builds the payload's functions as closures, not methods
    const { batch, heartbeat } = payload;
    if (batch.isEmpty()) return;
    const start = await skipCommitted(payload, batchGeneration);
    const beat = setInterval(() => void heartbeat().catch(() => undefined), 1000);
    try {
      for (let i = start; i < batch.messages.length; i += chunkSize) {
        if (i > start && stopping()) return; // the chunk in hand is committed; the rest is fetched again by the next owner
        const messages: ConsumedMessage[] = batch.messages.slice(i, i + chunkSize).map((m) => ({
          partition: batch.partition,
          offset: m.offset,
          key: m.key ?? null,
          value: m.value ?? null,
          timestampMs: Number(m.timestamp),
        }));
        await handleChunk(payload, messages, batchGeneration);
      }
    } finally {
      clearInterval(beat);
    }
  }

  /**
   * Fences the partition's earlier owners (its dead-letter producer) before the
   * first batch of an assignment, and skips what one of them committed after
   * kafkajs fetched the group's offset: those messages are done, dead letters
   * included. Returns the index of the first message still to process.
   */
  async function skipCommitted(payload: EachBatchPayload, batchGeneration: number): Promise<number> {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kafkajs builds the payload's functions as closures, not methods
    const { batch, resolveOffset } = payload;
    const partition = batch.partition;
    let committed = claimed.get(partition);
    if (!claimed.has(partition)) {
      committed = await retry(() => deadLetters.claim(partition), {
        retries: Infinity,
        fatalAttempts: FATAL_KAFKA_ATTEMPTS,
        signal,
        onRetry: (e, n, ms) => log.warn(`fencing the earlier owners of partition ${partition} (attempt ${n}, retry in ${ms} ms): ${errorMessage(e)}`),
      });
      // A rejoin meanwhile makes this batch stale: the first chunk's guard drops it.
      if (batchGeneration !== generation) return 0;
      claimed.set(partition, committed);
    }
    const start = firstUncommitted(batch.messages, committed);
    if (start > 0) {
      const first = (batch.messages[0] as { offset: string }).offset;
      const lastDone = (batch.messages[start - 1] as { offset: string }).offset;
      log.warn(`partition ${partition}: offsets ${first}..${lastDone} were committed by the previous owner after this instance was handed them; skipped`);
      resolveOffset(lastDone);
    }
    return start;
  }

  async function handleChunk(payload: EachBatchPayload, messages: ConsumedMessage[], batchGeneration: number): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kafkajs builds the payload's functions as closures, not methods
    const { batch, resolveOffset, commitOffsetsIfNecessary, heartbeat, isStale } = payload;
    const started = Date.now();
    metrics.chunkStarted(batch.partition, (messages[0] as ConsumedMessage).timestampMs);
    const retryLog = (what: string) => (error: unknown, attempt: number, delayMs: number): void => {
      log.warn(`${what} ${batch.partition} failed (attempt ${attempt}), retrying in ${delayMs} ms: ${errorMessage(error)}`);
      heartbeat().catch(() => undefined);
    };
    const guard = (): void => {
      if (isStale() || batchGeneration !== generation) throw new BatchAbandoned(`partition ${batch.partition} was revoked or the group rebalanced; batch dropped uncommitted`);
      const silentMs = lease.expiredFor();
      if (silentMs !== undefined) throw new BatchAbandoned(`no heartbeat answered for ${silentMs} ms: partition ${batch.partition} may belong to another instance now; batch dropped uncommitted`);
    };
    const bail = (error: unknown): boolean => error instanceof BatchAbandoned;
    const plan = await runChunk(messages, {
      process: (span, rejected) => processBatch(deps, batch.partition, span, guard, rejected),
      quarantineCell,
      attempts: poisonAttempts,
      retry: { initialDelayMs: 200, maxDelayMs: 10_000, signal, bail, onRetry: retryLog('batch of partition') },
      onPoison: (message, rejection) => {
        metrics.poisonEvents++;
        log.error(`partition ${batch.partition} offset ${message.offset}: dead-lettered as ${rejection.reason}: ${rejection.message}`);
      },
      onQuarantine: (error) => {
        metrics.quarantinedCells++;
        log.error(`quarantined a corrupt cell (meta row quarantine/cells): ${error.message}`);
      },
    });
    guard();
    const lastMessage = messages[messages.length - 1] as ConsumedMessage;
    const last = lastMessage.offset;
    const next = nextOffset(batch, last);
    const recordChunk = (): void => {
      metrics.recordOutcomes(plan.figures, plan.deadLetters);
      metrics.recordBatch(batch.partition, messages.length, Date.now() - started, Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(next))), lastMessage.timestampMs);
    };
    if (plan.deadLetters.length > 0) {
      // Dead letters and the offsets in one transaction: retried as a whole (HBase writes are idempotent).
      // A record the topic refuses (too large) is sent again smaller, never dropped.
      let form: DeadLetterForm = 'full';
      await retry(
        async () => {
          for (;;) {
            guard();
            try {
              await deadLetters.sendAndCommit(batch.partition, plan.deadLetters, next, form);
              return;
            } catch (error) {
              const index = DEAD_LETTER_FORMS.indexOf(form);
              if (kafkaFailure(error) !== 'refused_record' || index === DEAD_LETTER_FORMS.length - 1) throw error;
              form = DEAD_LETTER_FORMS[index + 1] as DeadLetterForm;
              metrics.shrunkDeadLetters += plan.deadLetters.length;
              log.warn(`dead-letter topic refused a record of partition ${batch.partition} (${errorMessage(error)}): sending its ${plan.deadLetters.length} dead letters in ${form} form`);
            }
          }
        },
        { retries: Infinity, fatalAttempts: FATAL_KAFKA_ATTEMPTS, initialDelayMs: 200, maxDelayMs: 10_000, signal, bail, onRetry: retryLog('dead letters of partition') },
      );
      resolveOffset(last);
      recordChunk();
      return;
    }
    resolveOffset(last);
    // Retried until Kafka takes it (committing an offset again is harmless): kafkajs
    // goes on fetching from its own position, so a commit lost in a broker restart
    // would otherwise leave the group's committed offset, and its lag, behind until
    // the next message of this partition. A revoked partition is left to its new owner.
    await retry(
      async () => {
        guard();
        await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] });
      },
      { retries: Infinity, fatalAttempts: FATAL_KAFKA_ATTEMPTS, initialDelayMs: 200, maxDelayMs: 10_000, signal, bail, onRetry: retryLog('offset commit of partition') },
    );
    recordChunk();
  }
}

/**
 * The offset to commit after `last`: past the batch's trailing records that
 * read_committed never hands over (transaction markers of a transactional
 * producer such as the rekey stage, aborted records) when `last` is the batch's
 * last message, else the group's lag would never reach 0.
 */
export function nextOffset(batch: { readonly messages: readonly { readonly offset: string }[]; lastOffset(): string }, last: string): string {
  const end = BigInt(batch.lastOffset());
  const isFinal = batch.messages[batch.messages.length - 1]?.offset === last;
  return (isFinal && end > BigInt(last) ? end + 1n : BigInt(last) + 1n).toString();
}

/** Index of the first message at or after the committed offset (all of them when nothing is committed). */
export function firstUncommitted(messages: readonly { readonly offset: string }[], committed: bigint | undefined): number {
  if (committed === undefined) return 0;
  const index = messages.findIndex((message) => BigInt(message.offset) >= committed);
  return index === -1 ? messages.length : index;
}
