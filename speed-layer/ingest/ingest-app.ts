// The HTTP ingest for cameras that cannot speak Kafka: POST /ingest validates
// every record, publishes the valid ones keyed by detection_oid with acks from
// all in-sync replicas, dead-letters the others, and answers only after Kafka
// has them. 202: at least one record accepted; 422: none was (all dead-lettered).

import express, { type NextFunction, type Request, type Response } from 'express';
import type { Producer } from 'kafkajs';
import { deadLetterHeaders, detectionEventKey, encodeDetectionEvent, validateDetectionEvent, type DetectionEvent, type Rejection } from '../../common/contract';
import { errorMessage } from '../../common/errors';
import type { Logger } from '../../common/log';
import { IngestError } from './ingest-error';
import { formatOf, parseBody } from './parse-body';

export interface IngestAppOptions {
  readonly producer: Producer;
  readonly detectionsTopic: string;
  readonly deadLetterTopic: string;
  readonly maxBodyBytes: number;
  readonly maxRecords: number;
  readonly log: Logger;
}

/** sourceTopic of dead letters refused at the HTTP door (they never reached the detections topic). */
export const INGEST_SOURCE = 'http-ingest';

export function createIngestApp(options: IngestAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.post(
    '/ingest',
    (req, _res, next) => next(formatOf(req.headers['content-type']) ? undefined : new IngestError(415, 'Content-Type must be application/json (an array of events) or application/x-ndjson (one event per line)')),
    express.raw({ type: () => true, limit: options.maxBodyBytes }),
    (req, res, next) => void ingest(options, req, res).catch(next),
  );
  app.get('/health', (_req, res) => void res.json({ ok: true }));
  app.use((_req, _res, next) => next(new IngestError(404, 'not found: use POST /ingest')));
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = statusOf(error);
    if (status >= 500) options.log.warn(`ingest failed: ${errorMessage(error)}`);
    if (status === 503) res.setHeader('Retry-After', '5');
    res.status(status).json({ error: messageOf(error, status) });
  });
  return app;
}

async function ingest(options: IngestAppOptions, req: Request, res: Response): Promise<void> {
  const format = formatOf(req.headers['content-type']);
  const body: unknown = req.body;
  if (!format || !Buffer.isBuffer(body)) throw new IngestError(400, 'empty body');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new IngestError(400, 'the body is not valid UTF-8');
  }
  const records = parseBody(text, format, options.maxRecords);
  const valid: DetectionEvent[] = [];
  const rejected: { index: number; raw: string; rejection: Rejection }[] = [];
  records.forEach((record, index) => {
    const result = record.parseError !== undefined
      ? ({ ok: false, reason: 'malformed_json', message: `line is not JSON: ${record.parseError}` } as Rejection)
      : validateDetectionEvent(record.value);
    if (result.ok) valid.push(result.event);
    else rejected.push({ index, raw: record.raw, rejection: result });
  });
  const topicMessages = [];
  if (valid.length > 0) {
    topicMessages.push({ topic: options.detectionsTopic, messages: valid.map((event) => ({ key: detectionEventKey(event), value: encodeDetectionEvent(event) })) });
  }
  if (rejected.length > 0) {
    topicMessages.push({
      topic: options.deadLetterTopic,
      messages: rejected.map(({ index, raw, rejection }) => ({
        key: null,
        value: raw,
        headers: deadLetterHeaders({ reason: rejection.reason, message: rejection.message, sourceTopic: INGEST_SOURCE, sourcePartition: 0, sourceOffset: String(index) }),
      })),
    });
  }
  try {
    await options.producer.sendBatch({ acks: -1, topicMessages });
  } catch (error) {
    throw new IngestError(503, `Kafka did not take the records, nothing was accepted; retry later (${errorMessage(error)})`, { cause: error });
  }
  res.status(valid.length > 0 ? 202 : 422).json({
    accepted: valid.length,
    rejected: rejected.map(({ index, rejection }) => ({ index, reason: rejection.reason, message: rejection.message })),
  });
}

function statusOf(error: unknown): number {
  if (error instanceof IngestError) return error.status;
  const { status, type } = error as { status?: number; type?: string };
  if (type === 'entity.too.large') return 413;
  if (typeof status === 'number' && status >= 400 && status < 500) return status;
  return 500;
}

function messageOf(error: unknown, status: number): string {
  if (error instanceof IngestError) return error.message;
  if (status === 413) return 'the body is larger than the configured limit (INGEST_MAX_BODY_BYTES)';
  if (status < 500) return errorMessage(error);
  return 'internal error';
}
