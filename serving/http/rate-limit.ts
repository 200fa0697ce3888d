// The rate limit, a token bucket per client address and per API key; over
// the limit: 429 with Retry-After. The address bucket is taken before the key
// is checked, so guessing keys is throttled like any other request; the key
// bucket after, so a key is limited wherever it calls from.

import type { RequestHandler } from 'express';
import { tooManyRequests } from '../errors';
import type { Caller } from './access-control';
import { TokenBuckets } from './token-bucket';

/** Before authentication: per client address. */
export function rateLimitByAddress(ratePerS: number, burst: number): RequestHandler {
  const buckets = new TokenBuckets(ratePerS, burst);
  return (req, _res, next) => {
    const result = buckets.take(`ip:${req.socket.remoteAddress ?? '?'}`, Date.now());
    if (!result.allowed) throw tooManyRequests(result.retryAfterS);
    next();
  };
}

/** After authentication: per API key (nothing more to do without keys). */
export function rateLimitByKey(ratePerS: number, burst: number): RequestHandler {
  const buckets = new TokenBuckets(ratePerS, burst);
  return (_req, res, next) => {
    const caller = res.locals.caller as Caller | undefined;
    if (caller && caller.id !== 'anonymous') {
      const result = buckets.take(caller.id, Date.now());
      if (!result.allowed) throw tooManyRequests(result.retryAfterS);
    }
    next();
  };
}
