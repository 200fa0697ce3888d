// The audit trail: one entry per request, written when the answer is done:
// who (caller id), what (method, path with query), the status and how long.

import type { RequestHandler } from 'express';
import type { Caller } from './access-control';

export interface AuditEntry {
  readonly at: string;
  readonly caller: string;
  readonly address: string;
  readonly method: string;
  readonly path: string;
  /** The route pattern, e.g. /api/v1/detections/:oid (for metrics labels). */
  readonly route: string;
  readonly status: number;
  readonly durationMs: number;
}

export type AuditSink = (entry: AuditEntry) => void;

export function auditLog(sinks: readonly AuditSink[]): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      const entry: AuditEntry = {
        at: new Date().toISOString(),
        caller: (res.locals.caller as Caller | undefined)?.id ?? 'unidentified',
        address: req.socket.remoteAddress ?? '?',
        method: req.method,
        path: req.originalUrl.slice(0, 500),
        // Express resets req.baseUrl when a router hands an error on, so routers record theirs in res.locals.
        route: req.route?.path ? `${(res.locals.baseUrl as string | undefined) ?? req.baseUrl}${String(req.route.path)}` : 'other',
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      };
      for (const sink of sinks) sink(entry);
    });
    next();
  };
}

export function formatAuditEntry(entry: AuditEntry): string {
  return `audit caller=${entry.caller} addr=${entry.address} ${entry.method} ${entry.path} -> ${entry.status} ${entry.durationMs}ms`;
}
