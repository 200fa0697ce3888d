// API keys: a viewer key may read, an admin key may also start jobs. Keys
// arrive as "Authorization: Bearer <key>" or "X-API-Key: <key>" and are
// compared in constant time. The caller is named in logs by role and a short
// hash of the key, never the key itself. Without keys configured every caller
// is "anonymous" with admin rights: the server then listens on loopback only.

import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { forbidden, unauthorized } from '../errors';

export type Role = 'viewer' | 'admin';

export interface Caller {
  readonly id: string;
  readonly role: Role;
}

interface KeyEntry {
  readonly digest: Buffer;
  readonly caller: Caller;
}

export class AccessControl {
  private readonly keys: readonly KeyEntry[];

  constructor(viewerKeys: readonly string[], adminKeys: readonly string[]) {
    const entry = (key: string, role: Role): KeyEntry => ({ digest: sha256(key), caller: { id: `${role}:${sha256(key).toString('hex').slice(0, 8)}`, role } });
    this.keys = [...adminKeys.map((k) => entry(k, 'admin')), ...viewerKeys.map((k) => entry(k, 'viewer'))];
  }

  get enabled(): boolean {
    return this.keys.length > 0;
  }

  /** The caller of a request; throws 401 for a missing or unknown key when keys are configured. */
  identify(req: Request): Caller {
    if (!this.enabled) return { id: 'anonymous', role: 'admin' };
    const key = presentedKey(req);
    if (key === undefined) throw unauthorized('an API key is required (Authorization: Bearer <key> or X-API-Key)');
    const digest = sha256(key);
    // Compare against every key so the time taken does not tell which one matched.
    let found: Caller | undefined;
    for (const entry of this.keys) if (crypto.timingSafeEqual(entry.digest, digest) && !found) found = entry.caller;
    if (!found) throw unauthorized('unknown API key');
    return found;
  }
}

/** Express middleware: attaches res.locals.caller, or fails with 401. */
export function authenticate(access: AccessControl): RequestHandler {
  return (req, res, next) => {
    res.locals.caller = access.identify(req);
    next();
  };
}

export function requireAdmin(): RequestHandler {
  return (_req, res, next) => {
    if ((res.locals.caller as Caller | undefined)?.role !== 'admin') throw forbidden('this needs an admin key');
    next();
  };
}

function presentedKey(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return req.get('x-api-key')?.trim() || undefined;
}

function sha256(text: string): Buffer {
  return crypto.createHash('sha256').update(text).digest();
}
