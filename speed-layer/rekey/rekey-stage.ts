// The rekey stage (`utopia rekey --from TOPIC`): a consumer group on a topic
// written by any producer that republishes each valid event into the
// detections topic keyed by its detection_oid, so every copy of an oid lands in
// one partition as the speed layer needs; refused events go to the dead-letter
// topic. Exactly once: per source partition one transactional producer
// (common/kafka PartitionTransactions) writes a chunk's records, its dead
// letters and the chunk's consumer offset in one transaction; readers of the
// detections topic read committed only (the kafkajs default). A killed
// instance's open transaction is aborted when the next owner claims the
// partition, and a frozen one is kept from writing by its session lease.

import os from 'node:os';
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Config } from '../../common/config';
import { errorMessage, UtopiaError } from '../../common/errors';
import { createKafka, PartitionTransactions } from '../../common/kafka';
import type { Logger } from '../../common/log';
import { retry } from '../../common/retry';
import { firstUncommitted, nextOffset } from '../batch-handler';
import { GroupConsumer } from '../group-consumer';
import { PartitionQueue } from '../partition-queue';
import { SessionLease } from '../session-lease';
import { planRekey, type RekeyMessage } from './plan-rekey';

export interface RekeyOptions {
  readonly fromTopic: string;
  /** Consumer group, also the prefix of the transactional ids. */
  readonly groupId: string;
  readonly chunkSize?: number;
}

export interface RekeyStats {
  republished: number;
  deadLettered: number;
}

export interface RekeyStage {
  readonly stats: RekeyStats;
  start(): Promise<void>;
  /** Finishes the chunk in hand, commits, disconnects. */
  stop(): Promise<void>;
}

/** The partition was revoked or the session may have lapsed: drop the chunk uncommitted. */
class ChunkAbandoned extends UtopiaError {}

/** Another instance took this partition's transactional id: retrying with a new producer would fence it back. */
function isFenced(error: unknown): boolean {
  for (
    let e = error as { type?: unknown; cause?: unknown } | null | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (e.type === 'INVALID_PRODUCER_EPOCH' || e.type === 'PRODUCER_FENCED') return true;
  }
  return false;
}

/** An open transaction of a killed instance holds back read_committed readers until fenced or timed out. */
const TRANSACTION_TIMEOUT_MS = 15_000;

export function createRekeyStage(
  config: Config,
  log: Logger,
  options: RekeyOptions,
  instance = `${os.hostname()}-${process.pid}`,
): RekeyStage {
  const { fromTopic, groupId } = options;
  const chunkSize = options.chunkSize ?? 1000;
  if (fromTopic === config.kafka.detectionsTopic) throw new UtopiaError(`rekey --from ${fromTopic}: that is the detections topic itself`);
  const kafka = createKafka(config, { clientIdSuffix: 'rekey', retries: 10, logger: log.child('kafka') });
  const transactions = new PartitionTransactions(kafka, {
    sourceTopic: fromTopic,
    groupId,
    role: 'rekey',
    transactionTimeoutMs: TRANSACTION_TIMEOUT_MS,
  });
  const lease = new SessionLease(config.speed.sessionTimeoutMs);
  const abort = new AbortController();
  const stats: RekeyStats = { republished: 0, deadLettered: 0 };
  const claimed = new Map<number, bigint | undefined>();
  const queue = new PartitionQueue();
  let generation = 0;
  let stopping = false;
  let progress: NodeJS.Timeout | undefined;

  const onRetry = (what: string) => (error: unknown, attempt: number, delayMs: number) =>
    log.warn(`${what} failed (attempt ${attempt}), retrying in ${delayMs} ms: ${errorMessage(error)}`);
  // `generation` is read through a getter: joined() and replaced() bump it while a batch is in flight.
  const batchContext: BatchContext = {
    config,
    fromTopic,
    chunkSize,
    transactions,
    lease,
    signal: abort.signal,
    claimed,
    stats,
    generation: () => generation,
    onRetry,
  };

  /** One batch of a partition at a time, even across a rejoin. A ChunkAbandoned or a fenced producer goes up to
   * kafkajs, which rejoins the group and fetches from the committed offset, as the speed layer's batch handler does. */
  function handle(payload: EachBatchPayload): Promise<void> {
    return queue.run(payload.batch.partition, () => handleBatch(batchContext, payload, generation));
  }

  const consumer = new GroupConsumer(kafka, {
    groupId,
    topic: fromTopic,
    sessionTimeoutMs: config.speed.sessionTimeoutMs,
    maxBytesPerPartition: 512 * 1024,
    partitionsConsumedConcurrently: 3,
    lease,
    log,
    signal: abort.signal,
    stopping: () => stopping,
    joined(partitions) {
      generation++;
      claimed.clear();
      transactions.reassigned(partitions);
    },
    replaced: () => void generation++,
    eachBatch: handle,
  });

  return {
    stats,
    async start() {
      await consumer.start();
      progress = logProgress(stats, log, config.kafka.detectionsTopic);
      log.info(`rekey ${instance}: ${fromTopic} -> ${config.kafka.detectionsTopic} keyed by detection_oid (group ${groupId})`);
    },
    async stop() {
      stopping = true;
      if (progress) clearInterval(progress);
      const force = setTimeout(() => abort.abort(), 30_000);
      force.unref();
      try {
        await consumer.disconnect();
        await transactions.close();
      } finally {
        clearTimeout(force);
      }
      log.info(`stopped: ${stats.republished} events republished, ${stats.deadLettered} dead-lettered`);
    },
  };
}

/** What a batch needs from its stage; `claimed` and `stats` are the stage's own, mutated in place. */
interface BatchContext {
  readonly config: Config;
  readonly fromTopic: string;
  readonly chunkSize: number;
  readonly transactions: PartitionTransactions;
  readonly lease: SessionLease;
  readonly signal: AbortSignal;
  readonly claimed: Map<number, bigint | undefined>;
  readonly stats: RekeyStats;
  /** The stage's current group generation: a batch of an older one must not commit. */
  readonly generation: () => number;
  readonly onRetry: (what: string) => (error: unknown, attempt: number, delayMs: number) => void;
}

/** Republishes a batch chunk by chunk, each chunk's records, dead letters and offset in one transaction. */
async function handleBatch(ctx: BatchContext, payload: EachBatchPayload, batchGeneration: number): Promise<void> {
  const { config, fromTopic, chunkSize, transactions, lease, claimed, stats, onRetry } = ctx;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kafkajs builds the payload's functions as closures, not methods
  const { batch, resolveOffset, heartbeat, isStale } = payload;
  if (batch.isEmpty()) return;
  const partition = batch.partition;
  if (!claimed.has(partition)) {
    const committed = await retry(() => transactions.claim(partition), {
      retries: Infinity,
      signal: ctx.signal,
      onRetry: onRetry(`fencing the earlier owners of partition ${partition}`),
    });
    if (batchGeneration !== ctx.generation()) return;
    claimed.set(partition, committed);
  }
  const start = firstUncommitted(batch.messages, claimed.get(partition));
  if (start > 0) resolveOffset((batch.messages[start - 1] as KafkaMessage).offset);
  const guard = (): void => {
    if (isStale() || batchGeneration !== ctx.generation())
      throw new ChunkAbandoned(`partition ${partition} was revoked or the group rebalanced; chunk dropped uncommitted`);
    const silentMs = lease.expiredFor();
    if (silentMs !== undefined)
      throw new ChunkAbandoned(
        `no heartbeat answered for ${silentMs} ms: partition ${partition} may belong to another instance now; chunk dropped uncommitted`,
      );
  };
  for (let i = start; i < batch.messages.length; i += chunkSize) {
    const slice = batch.messages.slice(i, i + chunkSize);
    const plan = planRekey(rekeyMessages(slice, partition), fromTopic);
    const last = (slice[slice.length - 1] as KafkaMessage).offset;
    const next = nextOffset(batch, last);
    await retry(
      async () => {
        guard();
        await transactions.sendAndCommit(
          partition,
          [
            { topic: config.kafka.detectionsTopic, messages: plan.republish },
            { topic: config.kafka.deadLetterTopic, messages: plan.deadLetters },
          ],
          next,
        );
      },
      {
        retries: Infinity,
        initialDelayMs: 200,
        maxDelayMs: 10_000,
        signal: ctx.signal,
        bail: (e) => e instanceof ChunkAbandoned || isFenced(e),
        onRetry: onRetry(`rekey transaction of partition ${partition}`),
      },
    );
    claimed.set(partition, BigInt(next));
    resolveOffset(last);
    stats.republished += plan.republish.length;
    stats.deadLettered += plan.deadLetters.length;
    await heartbeat().catch(() => undefined);
  }
}

function rekeyMessages(slice: readonly KafkaMessage[], partition: number): RekeyMessage[] {
  return slice.map((m) => ({
    partition,
    offset: m.offset,
    key: m.key ?? null,
    value: m.value ?? null,
    timestampMs: Number(m.timestamp),
    ...(m.headers ? { headers: m.headers } : {}),
  }));
}

/** A progress line every 5 s while anything moves. */
function logProgress(stats: RekeyStats, log: Logger, detectionsTopic: string): NodeJS.Timeout {
  let reported = { ...stats };
  const timer = setInterval(() => {
    if (stats.republished === reported.republished && stats.deadLettered === reported.deadLettered) return;
    reported = { ...stats };
    log.info(`${stats.republished} events republished to ${detectionsTopic}, ${stats.deadLettered} dead-lettered`);
  }, 5000);
  timer.unref();
  return timer;
}
