// Who may call what. With API keys configured: a viewer key may read, an
// admin key may also start jobs, anything else is a 401 (an ingest key: 403).
// Without keys: the server listens on loopback only (serve.ts), answers only
// clients on this machine, and serves read-only routes: admin routes are
// refused with a 403 that says how to configure keys. Keys are compared in
// constant time (common/http-guard); the caller is named by role and a short
// hash of its key, never the key itself.

import type { Request, RequestHandler } from 'express';
import { isLoopbackAddress, KeyRing, presentedKey, type Caller } from '../../common/http-guard';
import { forbidden, unauthorized } from '../errors';

export type { Caller, Role } from '../../common/http-guard';

export const NO_KEYS_ADMIN_MESSAGE =
  'admin routes are disabled because no API keys are configured: set API_ADMIN_KEYS (and API_VIEWER_KEYS) to keys of 16+ characters, restart, and send one as "Authorization: Bearer <key>"';

export class AccessControl {
  private readonly ring: KeyRing;

  constructor(viewerKeys: readonly string[], adminKeys: readonly string[]) {
    this.ring = new KeyRing({ viewer: viewerKeys, admin: adminKeys });
  }

  get enabled(): boolean {
    return this.ring.size > 0;
  }

  /**
   * The caller of a request; throws 401 for a missing or unknown key, 403 for a non-local
   * caller without keys. Reads only the socket address and the headers (a plain IncomingMessage will do).
   */
  identify(req: Pick<Request, 'headers' | 'socket'>): Caller {
    if (!this.enabled) {
      if (!isLoopbackAddress(req.socket.remoteAddress))
        throw forbidden('no API keys are configured, so this server answers only clients on its own machine');
      return { id: 'anonymous', role: 'viewer' };
    }
    const key = presentedKey(req.headers);
    if (key === undefined) throw unauthorized('an API key is required (Authorization: Bearer <key> or X-API-Key)');
    const found = this.ring.identify(key);
    if (!found) throw unauthorized('unknown API key');
    return found;
  }
}

/** Express middleware: attaches res.locals.caller, or fails with 401/403. */
export function authenticate(access: AccessControl): RequestHandler {
  return (req, res, next) => {
    const caller = access.identify(req);
    if (caller.role === 'ingest') throw forbidden('an ingest key may only POST to the HTTP ingest');
    res.locals.caller = caller;
    next();
  };
}

export function requireAdmin(): RequestHandler {
  return (_req, res, next) => {
    const caller = res.locals.caller as Caller | undefined;
    if (caller?.id === 'anonymous') throw forbidden(NO_KEYS_ADMIN_MESSAGE);
    if (caller?.role !== 'admin') throw forbidden('this needs an admin key');
    next();
  };
}

/** The caller's name for the audit trail and the rate limit: key name, else client address. */
export function callerName(req: Request, caller: Caller | undefined): string {
  return caller && caller.id !== 'anonymous' ? caller.id : `ip:${req.socket.remoteAddress ?? '?'}`;
}
