// The one place errors become answers. ApiError carries its status; a store
// failure becomes 503; anything else a 500. Every error body carries a stable
// code and the request id (also in X-Request-Id); never a host name, a stack
// trace or a key: the log gets the detail, under the same request id.

import type { ErrorRequestHandler } from 'express';
import crypto from 'node:crypto';
import { HBaseError, HdfsError, KafkaError, RetriesExceededError, UtopiaError } from '../../common/errors';
import type { Logger } from '../../common/log';
import { ApiError } from '../errors';

export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const api = toApiError(error);
    const id = (res.locals.requestId as string | undefined) ?? crypto.randomBytes(6).toString('hex');
    res.setHeader('X-Request-Id', id);
    if (api.status >= 500)
      log.error(
        `request ${id} ${req.method} ${req.originalUrl.slice(0, 300)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    if (api.retryAfterS !== undefined) res.setHeader('Retry-After', String(api.retryAfterS));
    const body = {
      error: {
        status: api.status,
        code: api.code,
        message: api.message,
        request_id: id,
        ...(api.parameter ? { parameter: api.parameter } : {}),
      },
    };
    res.status(api.status).type('application/json').send(JSON.stringify(body));
  };
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // body-parser's errors carry a status and type (malformed JSON, body too large).
  const http = error as { status?: unknown; type?: unknown };
  if (typeof http?.status === 'number' && http.status >= 400 && http.status < 500) {
    return new ApiError(
      http.status,
      typeof http.type === 'string' ? http.type : 'bad_request',
      http.type === 'entity.parse.failed' ? 'the request body is not valid JSON' : 'the request body was refused',
    );
  }
  if (error instanceof HBaseError || error instanceof HdfsError || error instanceof KafkaError || error instanceof RetriesExceededError) {
    return new ApiError(
      503,
      'store_unavailable',
      'a store is unavailable; try again shortly (details are logged under this request id)',
      undefined,
      { retriable: true },
    );
  }
  if (error instanceof UtopiaError && error.retriable)
    return new ApiError(503, 'unavailable', 'temporarily unavailable; try again shortly');
  return new ApiError(500, 'internal', 'internal error (logged under this request id)');
}
