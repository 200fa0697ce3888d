// The rate limit per caller (API key; client address when no keys are set),
// a token bucket each; over the limit: 429 with Retry-After.

import type { RequestHandler } from 'express';
import { tooManyRequests } from '../errors';
import type { Caller } from './access-control';
import { TokenBuckets } from './token-bucket';

export function rateLimit(ratePerS: number, burst: number): RequestHandler {
  const buckets = new TokenBuckets(ratePerS, burst);
  return (req, res, next) => {
    const caller = res.locals.caller as Caller | undefined;
    const id = caller && caller.id !== 'anonymous' ? caller.id : `ip:${req.socket.remoteAddress ?? '?'}`;
    const result = buckets.take(id, Date.now());
    if (!result.allowed) throw tooManyRequests(result.retryAfterS);
    next();
  };
}
