// The kafkajs eachBatch handler: cuts a fetched batch into chunks, and for each
// chunk runs applyChunk through the chunk runner (chunk-runner.ts: store
// outages waited out, corrupt cells quarantined, a poison event isolated and
// dead-lettered after a bounded budget), then resolves and commits the chunk's
// offsets (chunk-commit.ts: with its dead letters in one transaction). Small chunks bound memory and the time between commits; a heartbeat
// timer keeps the session alive while a slow chunk is in hand. A stop request
// (stopAfterChunk) ends the batch after the chunk in hand is committed.

import type { EachBatchPayload } from 'kafkajs';
import { errorMessage, UtopiaError } from '../common/errors';
import type { Logger } from '../common/log';
import { retry } from '../common/retry';
import { applyChunk, type ApplyChunkDeps } from './apply-chunk';
import type { CellQuarantine } from './cell-quarantine';
import { commitOffset, commitWithDeadLetters, FATAL_KAFKA_ATTEMPTS, type ChunkCommit } from './chunk-commit';
import { runChunk } from './chunk-runner';
import type { ConsumedMessage } from './consumed-message';
import type { DeadLetterSender } from './dead-letter-sender';
import { PartitionQueue } from './partition-queue';
import type { SessionLease } from './session-lease';
import type { SpeedMetrics } from './speed-metrics';

/** The partition was revoked while its batch was in hand: drop the rest, never commit it. */
export class BatchAbandoned extends UtopiaError {}

export interface BatchHandlerOptions {
  readonly deps: ApplyChunkDeps;
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

export interface BatchHandler {
  handle(payload: EachBatchPayload): Promise<void>;
  /** After every (re)join: chunks of the previous assignment must not commit anything any more. */
  rejoined(): void;
}

/** What the handler remembers across batches; `generation` counts (re)joins. */
interface HandlerState {
  generation: number;
  /** Per partition, the group's committed offset read after fencing its earlier owners, once per assignment. */
  readonly claimed: Map<number, bigint | undefined>;
}

export function createBatchHandler(options: BatchHandlerOptions): BatchHandler {
  // One chunk of a partition at a time in this process, even across a rejoin, and a
  // generation number so a chunk of an earlier assignment cannot write its state back.
  const queue = new PartitionQueue();
  const state: HandlerState = { generation: 0, claimed: new Map() };
  return {
    rejoined() {
      state.generation++;
      state.claimed.clear();
      options.deps.counters.clear();
    },
    handle(payload) {
      return queue.run(payload.batch.partition, () => handleBatch(options, state, payload, state.generation));
    },
  };
}

async function handleBatch(
  options: BatchHandlerOptions,
  state: HandlerState,
  payload: EachBatchPayload,
  generation: number,
): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kafkajs builds the payload's functions as closures, not methods
  const { batch, heartbeat } = payload;
  const stopping = options.stopping ?? (() => false);
  if (batch.isEmpty()) return;
  const start = await skipCommitted(options, state, payload, generation);
  const beat = setInterval(() => void heartbeat().catch(() => undefined), 1000);
  try {
    for (let i = start; i < batch.messages.length; i += options.chunkSize) {
      if (i > start && stopping()) return; // the chunk in hand is committed; the rest is fetched again by the next owner
      const messages: ConsumedMessage[] = batch.messages.slice(i, i + options.chunkSize).map((m) => ({
        partition: batch.partition,
        offset: m.offset,
        key: m.key ?? null,
        value: m.value ?? null,
        timestampMs: Number(m.timestamp),
      }));
      await handleChunk(options, state, payload, messages, generation);
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
async function skipCommitted(
  options: BatchHandlerOptions,
  state: HandlerState,
  payload: EachBatchPayload,
  generation: number,
): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kafkajs builds the payload's functions as closures, not methods
  const { batch, resolveOffset } = payload;
  const { deadLetters, log, signal } = options;
  const partition = batch.partition;
  let committed = state.claimed.get(partition);
  if (!state.claimed.has(partition)) {
    committed = await retry(() => deadLetters.claim(partition), {
      retries: Infinity,
      fatalAttempts: FATAL_KAFKA_ATTEMPTS,
      signal,
      onRetry: (e, n, ms) =>
        log.warn(`fencing the earlier owners of partition ${partition} (attempt ${n}, retry in ${ms} ms): ${errorMessage(e)}`),
    });
    // The count horizon is read after the fencing, so it covers every cell the committed offsets counted.
    await retry(() => options.deps.counters.claim(partition), {
      retries: Infinity,
      signal,
      onRetry: (e, n, ms) =>
        log.warn(`reading the count horizon of partition ${partition} (attempt ${n}, retry in ${ms} ms): ${errorMessage(e)}`),
    });
    // A rejoin meanwhile makes this batch stale: the first chunk's guard drops it.
    if (generation !== state.generation) return 0;
    state.claimed.set(partition, committed);
  }
  const start = firstUncommitted(batch.messages, committed);
  if (start > 0) {
    const first = (batch.messages[0] as { offset: string }).offset;
    const lastDone = (batch.messages[start - 1] as { offset: string }).offset;
    log.warn(
      `partition ${partition}: offsets ${first}..${lastDone} were committed by the previous owner after this instance was handed them; skipped`,
    );
    resolveOffset(lastDone);
  }
  return start;
}

/** Throws BatchAbandoned once the chunk must not write or commit: partition revoked, group rebalanced, or heartbeats unanswered. */
function chunkGuard(payload: EachBatchPayload, lease: SessionLease, stale: () => boolean): () => void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kafkajs builds the payload's functions as closures, not methods
  const { batch, isStale } = payload;
  return () => {
    if (isStale() || stale())
      throw new BatchAbandoned(`partition ${batch.partition} was revoked or the group rebalanced; batch dropped uncommitted`);
    const silentMs = lease.expiredFor();
    if (silentMs !== undefined)
      throw new BatchAbandoned(
        `no heartbeat answered for ${silentMs} ms: partition ${batch.partition} may belong to another instance now; batch dropped uncommitted`,
      );
  };
}

async function handleChunk(
  options: BatchHandlerOptions,
  state: HandlerState,
  payload: EachBatchPayload,
  messages: ConsumedMessage[],
  generation: number,
): Promise<void> {
  const { deps, deadLetters, metrics, log, signal, lease, quarantineCell, poisonAttempts } = options;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kafkajs builds the payload's functions as closures, not methods
  const { batch, resolveOffset, heartbeat } = payload;
  const started = Date.now();
  metrics.chunkStarted(batch.partition, (messages[0] as ConsumedMessage).timestampMs);
  const onRetry =
    (what: string) =>
    (error: unknown, attempt: number, delayMs: number): void => {
      log.warn(`${what} ${batch.partition} failed (attempt ${attempt}), retrying in ${delayMs} ms: ${errorMessage(error)}`);
      heartbeat().catch(() => undefined);
    };
  const guard = chunkGuard(payload, lease, () => generation !== state.generation);
  const chunkRetry = {
    initialDelayMs: 200,
    maxDelayMs: 10_000,
    signal,
    bail: (error: unknown): boolean => error instanceof BatchAbandoned,
  };
  const plan = await runChunk(messages, {
    process: (span, rejected) => applyChunk(deps, batch.partition, span, guard, rejected),
    quarantineCell,
    attempts: poisonAttempts,
    retry: { ...chunkRetry, onRetry: onRetry('batch of partition') },
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
  const commit: ChunkCommit = { payload, next: nextOffset(batch, lastMessage.offset), guard, retry: chunkRetry, onRetry };
  if (plan.deadLetters.length > 0) {
    await commitWithDeadLetters(commit, plan.deadLetters, deadLetters, metrics, log);
    resolveOffset(lastMessage.offset);
  } else {
    resolveOffset(lastMessage.offset);
    await commitOffset(commit);
  }
  metrics.recordOutcomes(plan.figures, plan.deadLetters);
  metrics.recordBatch(
    batch.partition,
    messages.length,
    Date.now() - started,
    Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(commit.next))),
    lastMessage.timestampMs,
  );
}

/**
 * The offset to commit after `last`: past the batch's trailing records that
 * read_committed never hands over (transaction markers of a transactional
 * producer such as the rekey stage, aborted records) when `last` is the batch's
 * last message, else the group's lag would never reach 0.
 */
export function nextOffset(
  batch: { readonly messages: readonly { readonly offset: string }[]; lastOffset(): string },
  last: string,
): string {
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
