// The HTTP ingest for cameras that cannot speak Kafka: POST /ingest validates
// every record, publishes the valid ones keyed by detection_oid with acks from
// all in-sync replicas, dead-letters the others, and answers only after Kafka
// has them. 202: at least one record accepted; 422: none was (all dead-lettered).
// Guards, as the API's: a Host/Origin allow-list (DNS rebinding); with ingest
// keys (INGEST_API_KEYS, role ingest) a key is required, without keys only
// clients on this machine are answered. Errors carry a code and a request id
// and never name a broker. Bodies are parsed and validated in time slices.

import crypto from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { allowedHosts, hostProblem, isLoopbackAddress, KeyRing, presentedKey } from '../../common/http-guard';
import {
  deadLetterHeaders,
  detectionEventKey,
  encodeDetectionEvent,
  validateDetectionEvent,
  type DetectionEvent,
  type Rejection,
} from '../../common/contract';
import { errorMessage } from '../../common/errors';
import type { RecordProducer } from '../../common/kafka';
import type { Logger } from '../../common/log';
import { IngestError } from './ingest-error';
import { formatOf, parseBody } from './parse-body';
import { TimeSlicer } from './time-slicer';

export interface IngestAppOptions {
  readonly producer: RecordProducer;
  /** Keys of role ingest (INGEST_API_KEYS); none: loopback clients only. */
  readonly keys?: readonly string[];
  /** The address the server listens on and extra allowed Host names (INGEST_ALLOWED_HOSTS). */
  readonly bindHost?: string;
  readonly allowedHosts?: readonly string[];
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
  app.use((_req, res, next) => {
    res.locals.requestId = crypto.randomBytes(6).toString('hex');
    res.setHeader('X-Request-Id', res.locals.requestId as string);
    next();
  });
  app.use(guard(options));
  app.post(
    '/ingest',
    (req, _res, next) =>
      next(
        formatOf(req.headers['content-type'])
          ? undefined
          : new IngestError(415, 'Content-Type must be application/json (an array of events) or application/x-ndjson (one event per line)'),
      ),
    express.raw({ type: () => true, limit: options.maxBodyBytes }),
    (req, res, next) => void ingest(options, req, res).catch(next),
  );
  app.get('/health', (_req, res) => void res.json({ ok: true }));
  app.use((_req, _res, next) => next(new IngestError(404, 'not found: use POST /ingest')));
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = statusOf(error);
    const requestId = String(res.locals.requestId);
    // The detail (broker names, causes) goes to the log only, under the request id.
    if (status >= 500)
      options.log.warn(
        `ingest request ${requestId} failed: ${errorMessage(error)}${error instanceof IngestError && error.cause ? `: ${errorMessage(error.cause)}` : ''}`,
      );
    if (status === 503) res.setHeader('Retry-After', '5');
    res.status(status).json({ error: messageOf(error, status), code: codeOf(error, status), request_id: requestId });
  });
  return app;
}

async function ingest(options: IngestAppOptions, req: Request, res: Response): Promise<void> {
  const format = formatOf(req.headers['content-type']);
  const body: unknown = req.body;
  if (!format || !Buffer.isBuffer(body)) throw new IngestError(400, 'empty body');
  const slicer = new TimeSlicer();
  const text = await decodeUtf8(body, slicer);
  const records = await parseBody(text, format, options.maxRecords, slicer);
  const valid: DetectionEvent[] = [];
  const encoded: { key: Buffer | string; value: Buffer | string }[] = [];
  const rejected: { index: number; raw: string; rejection: Rejection }[] = [];
  for (const [index, record] of records.entries()) {
    if (slicer.due()) await slicer.pause();
    const result =
      record.parseError !== undefined
        ? ({ ok: false, reason: 'malformed_json', message: `line is not JSON: ${record.parseError}` } as Rejection)
        : validateDetectionEvent(record.value);
    if (result.ok) {
      valid.push(result.event);
      encoded.push({ key: detectionEventKey(result.event), value: encodeDetectionEvent(result.event) });
    } else rejected.push({ index, raw: record.raw, rejection: result });
  }
  const topicMessages = [];
  if (valid.length > 0) topicMessages.push({ topic: options.detectionsTopic, messages: encoded });
  if (rejected.length > 0) {
    topicMessages.push({
      topic: options.deadLetterTopic,
      messages: rejected.map(({ index, raw, rejection }) => ({
        key: null,
        value: raw,
        headers: deadLetterHeaders({
          reason: rejection.reason,
          message: rejection.message,
          sourceTopic: INGEST_SOURCE,
          sourcePartition: 0,
          sourceOffset: String(index),
        }),
      })),
    });
  }
  try {
    await options.producer.sendBatch({ acks: -1, topicMessages });
  } catch (error) {
    throw new IngestError(503, 'the event store did not take the records, nothing was accepted; retry later', { cause: error });
  }
  res.status(valid.length > 0 ? 202 : 422).json({
    accepted: valid.length,
    rejected: rejected.map(({ index, rejection }) => ({ index, reason: rejection.reason, message: rejection.message })),
  });
}

/** Strict UTF-8 decoding in 256 KB pieces, so a 5 MB body does not hold the event loop while it is decoded. */
async function decodeUtf8(body: Buffer, slicer: TimeSlicer): Promise<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  const piece = 256 * 1024;
  try {
    for (let at = 0; at < body.length; at += piece) {
      if (slicer.due()) await slicer.pause();
      parts.push(decoder.decode(body.subarray(at, at + piece), { stream: at + piece < body.length }));
    }
    parts.push(decoder.decode());
  } catch {
    throw new IngestError(400, 'the body is not valid UTF-8');
  }
  return parts.join('');
}

/** Host/Origin allow-list, then the key check (or loopback only without keys). */
function guard(options: IngestAppOptions): RequestHandler {
  const hosts = allowedHosts(options.bindHost ?? '127.0.0.1', options.allowedHosts ?? []);
  const ring = new KeyRing({ ingest: options.keys ?? [] });
  return (req, _res, next) => {
    const problem = hostProblem(hosts, req.headers.host, req.headers.origin, req.socket.localPort, req.socket.localAddress);
    if (problem)
      return next(new IngestError(403, `${problem}; allowed names are set with INGEST_ALLOWED_HOSTS`, { code: 'host_not_allowed' }));
    if (ring.size === 0) {
      if (!isLoopbackAddress(req.socket.remoteAddress))
        return next(
          new IngestError(403, 'no ingest keys are configured (INGEST_API_KEYS), so this server answers only clients on its own machine', {
            code: 'forbidden',
          }),
        );
      return next();
    }
    const key = presentedKey(req.headers);
    if (key === undefined)
      return next(new IngestError(401, 'an ingest key is required (Authorization: Bearer <key> or X-API-Key)', { code: 'unauthorized' }));
    if (!ring.identify(key)) return next(new IngestError(401, 'unknown ingest key', { code: 'unauthorized' }));
    next();
  };
}

function codeOf(error: unknown, status: number): string {
  if (error instanceof IngestError && error.code) return error.code;
  return (
    (
      { 400: 'bad_request', 404: 'not_found', 413: 'too_large', 415: 'unsupported_media_type', 503: 'unavailable' } as Record<
        number,
        string
      >
    )[status] ?? (status >= 500 ? 'internal' : 'bad_request')
  );
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
