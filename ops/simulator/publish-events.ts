// Publishes a simulated stream to Kafka as cameras would: keyed by
// detection_oid, batched, gzip-compressed, acks from all in-sync replicas,
// holding a target rate. Batches are sent one after another so a re-send
// always lands after its original (first occurrence is well defined).

import { CompressionTypes, type Producer } from 'kafkajs';
import { sleep } from '../../common/retry';
import type { SimEvent } from './event-generator';

export interface PublishOptions {
  readonly topic: string;
  /** Events per second; Infinity = as fast as Kafka takes them. */
  readonly rate: number;
  readonly batchSize?: number;
  readonly onProgress?: (sent: number, elapsedMs: number) => void;
  /** Least time between two onProgress calls (default 1 s; a continuous run wants fewer lines). */
  readonly progressEveryMs?: number;
  /** Stops after the batch in hand (Ctrl-C of an endless run); the result counts what was sent. */
  readonly signal?: AbortSignal;
  /** Called with each batch right after Kafka acknowledged it (e.g. to time freshness). */
  readonly onSent?: (batch: readonly SimEvent[], sentAtMs: number, ackedAtMs: number) => void;
}

export interface PublishResult {
  readonly sent: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
}

export async function publishEvents(producer: Producer, events: Iterable<SimEvent>, options: PublishOptions): Promise<PublishResult> {
  const batchSize =
    options.batchSize ?? (Number.isFinite(options.rate) ? Math.max(50, Math.min(5000, Math.round(options.rate / 20))) : 5000);
  const started = Date.now();
  let lastProgress = started;
  let sent = 0;
  let batch: SimEvent[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const sentAt = Date.now();
    await producer.send({
      topic: options.topic,
      acks: -1,
      compression: CompressionTypes.GZIP,
      messages: batch.map((e) => ({ key: e.key, value: e.value })),
    });
    options.onSent?.(batch, sentAt, Date.now());
    sent += batch.length;
    batch = [];
    const now = Date.now();
    if (options.onProgress && now - lastProgress >= (options.progressEveryMs ?? 1000)) {
      lastProgress = now;
      options.onProgress(sent, now - started);
    }
    if (Number.isFinite(options.rate)) {
      const due = started + (sent * 1000) / options.rate;
      if (due > now) await sleep(due - now, options.signal);
    }
  };
  for (const event of events) {
    if (options.signal?.aborted) break;
    batch.push(event);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  const elapsedMs = Math.max(1, Date.now() - started);
  return { sent, elapsedMs, eventsPerSecond: Math.round((sent * 1000) / elapsedMs) };
}
