// The audit trail: one entry per request, denied and client-aborted ones
// included, written when the answer is done or the connection closed: who
// (the key's name, else the client address), what (method, path with query),
// the status (499 when the client went away first), how long, and the request
// id every answer carries in X-Request-Id (and error bodies as request_id).

import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { callerName, type Caller } from './access-control';

export interface AuditEntry {
  readonly at: string;
  readonly requestId: string;
  readonly caller: string;
  readonly address: string;
  readonly method: string;
  readonly path: string;
  /** The route pattern, e.g. /api/v1/detections/:oid (for metrics labels). */
  readonly route: string;
  /** The HTTP status sent, or 499 when the client closed the connection before the answer. */
  readonly status: number;
  readonly aborted: boolean;
  readonly durationMs: number;
}

export type AuditSink = (entry: AuditEntry) => void;

/** Status recorded for a request whose client went away before the answer was sent. */
export const CLIENT_CLOSED = 499;

export function auditLog(sinks: readonly AuditSink[]): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const requestId = crypto.randomBytes(6).toString('hex');
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    let written = false;
    const write = (aborted: boolean) => {
      if (written) return;
      written = true;
      // Express types req.route as any; its path is all this reads (a string: every route here is declared by one).
      const routePath: unknown = (req.route as { path?: unknown } | undefined)?.path;
      const entry: AuditEntry = {
        at: new Date().toISOString(),
        requestId,
        caller: callerName(req, res.locals.caller as Caller | undefined),
        address: req.socket.remoteAddress ?? '?',
        method: req.method,
        path: req.originalUrl.slice(0, 500),
        // Express resets req.baseUrl when a router hands an error on, so routers record theirs in res.locals.
        route:
          typeof routePath === 'string' && routePath !== ''
            ? `${(res.locals.baseUrl as string | undefined) ?? req.baseUrl}${routePath}`
            : 'other',
        status: aborted ? CLIENT_CLOSED : res.statusCode,
        aborted,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      };
      for (const sink of sinks) sink(entry);
    };
    res.on('finish', () => write(false));
    res.on('close', () => write(!res.writableFinished));
    next();
  };
}

export function formatAuditEntry(entry: AuditEntry): string {
  return `audit id=${entry.requestId} caller=${entry.caller} addr=${entry.address} ${entry.method} ${entry.path} -> ${entry.status}${entry.aborted ? ' (client closed)' : ''} ${entry.durationMs}ms`;
}
