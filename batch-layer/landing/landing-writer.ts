// The landing writer: a second consumer group on the detections topic that
// turns it into raw Parquet files in HDFS, exactly once.
//
// - Per partition, messages are buffered and flushed by size or age into one
//   file named by its offset range (flush-file.ts).
// - Offsets are committed only after the rename; kafkajs offsets are resolved
//   as messages are buffered (that only moves the fetch position).
// - The last landed offset is read from the HDFS listing when a partition is
//   first seen after (re)assignment; messages at or below it are skipped, so a
//   replay after a crash between rename and commit lands nothing twice.
// - On a rebalance or a failed flush the buffers are dropped and the partition
//   is re-read from HDFS's last landed offset: nothing is lost.

import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Config } from '../../common/config';
import { errorMessage } from '../../common/errors';
import type { HdfsStore } from '../../common/hdfs';
import type { Logger } from '../../common/log';
import { flushToHdfs } from './flush-file';
import { LandingMetrics } from './landing-metrics';
import { lastLandedOffset } from './landed-offsets';
import { PartitionBuffer } from './partition-buffer';
import { partitionFiles, rangesToReland, type OffsetRange } from './relanding';

export interface LandingWriterDeps {
  readonly config: Config;
  readonly kafka: Kafka;
  readonly hdfs: HdfsStore;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly metrics?: LandingMetrics;
  /**
   * Called when kafkajs gives up on the consumer (a crash it does not restart):
   * the process should exit non-zero so its supervisor restarts it, rather than
   * stay alive and idle.
   */
  readonly onFatal?: (error: unknown) => void;
}

interface PartitionState {
  /** The next offset to land; undefined when nothing landed yet. */
  next: bigint | undefined;
  buffer: PartitionBuffer;
  /** Kafka timestamp of the oldest buffered message (lag in seconds). */
  oldestMs?: number;
  /** Messages behind the high watermark at the last fetched batch, beyond the buffer. */
  behind?: number;
  /** Kafka timestamp of the newest fetched message: the age bound of what is not fetched yet. */
  newestMs?: number;
  /** Quarantined ranges below `next` still to land again (relanding.ts), first one in hand. */
  reland: OffsetRange[];
  relandBuffer: PartitionBuffer | undefined;
}

export class LandingWriter {
  private readonly consumer: Consumer;
  private readonly states = new Map<number, PartitionState>();
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private stopping = false;
  filesLanded = 0;
  readonly metrics: LandingMetrics;

  constructor(private readonly deps: LandingWriterDeps) {
    this.now = deps.now ?? Date.now;
    this.metrics = deps.metrics ?? new LandingMetrics(deps.config.landing.groupId);
    // A fetch waits at most 1 s for data: disconnect waits for the fetch in flight, and kafkajs' 5 s default
    // would take most of the SIGTERM grace period on an idle topic.
    this.consumer = deps.kafka.consumer({
      groupId: deps.config.landing.groupId,
      sessionTimeout: 30_000,
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxWaitTimeInMs: 1_000,
    });
    // A new assignment resets kafkajs' fetch positions to the committed offsets: drop what we hold.
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      const topic = deps.config.kafka.detectionsTopic;
      const partitions = payload.memberAssignment[topic] ?? [];
      this.serial(async () => {
        this.states.clear();
        this.metrics.lag.forget();
        // Quarantined ranges are re-landed at once, even if no new message ever comes to this partition.
        for (const partition of partitions) await this.startRelanding(topic, partition);
      }).catch((error: unknown) => deps.logger.warn(`re-landing check failed (done again at the next assignment): ${errorMessage(error)}`));
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      deps.logger.error(`consumer crashed (${payload.restart ? 'kafkajs restarts it' : 'not restarted'}): ${errorMessage(payload.error)}`);
      if (!payload.restart && !this.stopping) deps.onFatal?.(payload.error);
    });
  }

  async start(): Promise<void> {
    const { config } = this.deps;
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: config.kafka.detectionsTopic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.serial(() => this.onBatch(payload)),
    });
    const tick = Math.max(200, Math.min(5_000, Math.floor(config.landing.flushAgeMs / 4)));
    this.timer = setInterval(() => void this.serial(() => this.flushAged()).catch(() => undefined), tick);
  }

  /**
   * Stops reading the batch in hand at the next message (the rest is fetched
   * again later: nothing past a flush is committed), flushes what is buffered,
   * then leaves the group.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    // Partitions flush side by side: one at a time, twelve flushes can eat most of the grace period.
    await this.serial(async () => {
      const pending = [...this.states.values()].filter((state) => !state.buffer.isEmpty);
      await Promise.all(pending.map((state) => this.flush(state)));
    }).catch((error) => this.deps.logger.warn(`final flush failed (will be replayed): ${errorMessage(error)}`));
    await this.consumer.disconnect();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  // eslint-disable-next-line @typescript-eslint/unbound-method -- kafkajs builds the payload's functions as closures, not methods
  private async onBatch({ batch, resolveOffset, heartbeat, isStale, isRunning }: EachBatchPayload): Promise<void> {
    const { config, hdfs } = this.deps;
    let state = this.states.get(batch.partition);
    if (!state) {
      const landed = await lastLandedOffset(hdfs, config.hdfs.root, batch.topic, batch.partition);
      state = {
        next: landed === undefined ? undefined : landed + 1n,
        buffer: new PartitionBuffer(batch.partition),
        reland: [],
        relandBuffer: undefined,
      };
      this.states.set(batch.partition, state);
      this.deps.logger.info(`partition ${batch.partition}: resuming after landed offset ${landed ?? 'none'}`);
      // A crash between rename and commit leaves Kafka behind HDFS: catch the commit up,
      // else the group shows a lag that nothing will ever clear when no new message comes.
      const fetchedFrom = batch.firstOffset();
      if (landed !== undefined && fetchedFrom !== null && landed + 1n > BigInt(fetchedFrom))
        await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(landed + 1n) }]);
    }
    if (state.reland.length > 0) return this.relandBatch(state, batch.topic, batch.messages, heartbeat);
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || this.stopping) return;
      const offset = BigInt(message.offset);
      if (state.next !== undefined && offset < state.next) {
        resolveOffset(message.offset); // landed before the last commit: skip
        continue;
      }
      if (state.buffer.isEmpty) state.oldestMs = Number(message.timestamp);
      state.buffer.add(message, this.now());
      resolveOffset(message.offset);
      if (state.buffer.messages >= config.landing.flushRows) {
        await this.flush(state);
        await heartbeat();
      }
    }
    const lastOffset = batch.lastOffset();
    state.behind = Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(lastOffset) - 1n));
    const newest = batch.messages[batch.messages.length - 1]?.timestamp;
    if (newest !== undefined) state.newestMs = Number(newest);
    this.recordLag(state);
    await this.coverTrailingMarkers(state, batch);
    await heartbeat();
  }

  /** Lag of a partition: what is buffered plus what is not fetched yet. */
  private recordLag(state: PartitionState): void {
    const behind = state.behind ?? 0;
    const oldest = !state.buffer.isEmpty ? state.oldestMs : behind > 0 ? state.newestMs : undefined;
    this.metrics.lag.set(state.buffer.partition, state.buffer.messages + behind, oldest);
  }

  /**
   * A transactional producer (utopia rekey) leaves a commit marker after its
   * records, and read_committed never hands it (nor aborted records) over: the
   * buffered range is extended over such trailing offsets, so the commit after
   * its flush passes them and the group's lag can reach 0. With nothing
   * buffered the offset is committed past them at once.
   */
  private async coverTrailingMarkers(state: PartitionState, batch: EachBatchPayload['batch']): Promise<void> {
    const last = batch.messages[batch.messages.length - 1];
    if (!last || !this.isRunningPartition(state)) return;
    const end = BigInt(batch.lastOffset());
    if (end <= BigInt(last.offset)) return;
    if (!state.buffer.isEmpty && state.buffer.lastOffset === BigInt(last.offset)) state.buffer.lastOffset = end;
    else if (state.buffer.isEmpty && state.next === BigInt(last.offset) + 1n) {
      await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(end + 1n) }]);
      state.next = end + 1n;
    }
  }

  private isRunningPartition(state: PartitionState): boolean {
    return this.states.get(state.buffer.partition) === state;
  }

  /** After an assignment: if the partition has quarantined ranges to land again, takes its state and seeks to the first. */
  private async startRelanding(topic: string, partition: number): Promise<void> {
    const reland = await this.quarantinedRanges(topic, partition);
    const first = reland[0];
    if (!first) return;
    const landed = await lastLandedOffset(this.deps.hdfs, this.deps.config.hdfs.root, topic, partition);
    this.states.set(partition, {
      next: landed === undefined ? undefined : landed + 1n,
      buffer: new PartitionBuffer(partition),
      reland,
      relandBuffer: undefined,
    });
    this.deps.logger.info(`partition ${partition}: re-landing quarantined offsets ${reland.map((r) => `${r.start}..${r.end}`).join(', ')}`);
    this.consumer.seek({ topic, partition, offset: String(first.start) });
  }

  /** Lands the first quarantined range again from the messages of a batch; no offset is committed. */
  private async relandBatch(
    state: PartitionState,
    topic: string,
    messages: readonly KafkaMessage[],
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const partition = state.buffer.partition;
    for (const message of messages) {
      if (this.stopping) return;
      const range = state.reland[0];
      if (!range) break;
      const offset = BigInt(message.offset);
      if (offset < range.start) continue; // fetched before the seek
      if (offset > range.end && state.relandBuffer === undefined) return; // a batch fetched before the seek: the seeked one follows
      state.relandBuffer ??= new PartitionBuffer(partition);
      if (offset <= range.end) state.relandBuffer.add(message, this.now());
      if (offset >= range.end) {
        const file = await flushToHdfs(this.deps.hdfs, this.deps.config.hdfs.root, topic, state.relandBuffer);
        this.deps.logger.info(`re-landed quarantined partition ${partition} offsets ${file.startOffset}..${file.endOffset}`);
        state.relandBuffer = undefined;
        state.reland.shift();
        await heartbeat();
        const next = state.reland[0]?.start ?? state.next;
        if (next !== undefined) this.consumer.seek({ topic, partition, offset: String(next) });
        return;
      }
    }
  }

  /** Quarantined ranges of the partition to land again; the topic's low watermark is fetched only when there are some. */
  private async quarantinedRanges(topic: string, partition: number): Promise<OffsetRange[]> {
    const { landed, quarantined } = await partitionFiles(this.deps.hdfs, this.deps.config.hdfs.root, topic, partition);
    if (rangesToReland(landed, quarantined, 0n).length === 0) return [];
    const admin = this.deps.kafka.admin();
    await admin.connect();
    try {
      const low = (await admin.fetchTopicOffsets(topic)).find((p) => p.partition === partition)?.low ?? '0';
      return rangesToReland(landed, quarantined, BigInt(low));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  private async flushAged(): Promise<void> {
    const now = this.now();
    for (const state of this.states.values()) {
      if (!state.buffer.isEmpty && now - state.buffer.startedAt >= this.deps.config.landing.flushAgeMs) await this.flush(state);
    }
  }

  private async flush(state: PartitionState): Promise<void> {
    const { config, hdfs, logger } = this.deps;
    const buffer = state.buffer;
    const topic = config.kafka.detectionsTopic;
    const started = performance.now();
    try {
      const file = await flushToHdfs(hdfs, config.hdfs.root, topic, buffer);
      await this.consumer.commitOffsets([{ topic, partition: buffer.partition, offset: String(file.endOffset + 1n) }]);
      state.next = file.endOffset + 1n;
      state.buffer = new PartitionBuffer(buffer.partition);
      state.oldestMs = undefined;
      this.filesLanded++;
      this.metrics.files.inc();
      this.metrics.rows.inc(buffer.rows.length);
      this.metrics.flushSeconds.observe((performance.now() - started) / 1000);
      this.recordLag(state);
      logger.info(`landed partition ${file.partition} offsets ${file.startOffset}..${file.endOffset} (${buffer.rows.length} valid rows)`);
    } catch (error) {
      // Drop the buffer and re-read from what HDFS holds: the files are the truth.
      logger.warn(`flush of partition ${buffer.partition} failed, re-reading it: ${errorMessage(error)}`);
      this.metrics.flushFailures.inc();
      this.states.delete(buffer.partition);
      this.consumer.seek({ topic, partition: buffer.partition, offset: String(buffer.firstOffset) });
    }
  }
}
