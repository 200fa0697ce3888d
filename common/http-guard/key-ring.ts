// API keys and their roles: a viewer key may read the API, an admin key may
// also start jobs, an ingest key may only POST events to the HTTP ingest.
// Keys arrive as "Authorization: Bearer <key>" or "X-API-Key: <key>" and are
// compared in constant time against every key. A caller is named in logs and
// the audit trail by role and a short hash of its key, never the key itself.

import crypto from 'node:crypto';

export type Role = 'viewer' | 'admin' | 'ingest';

export interface Caller {
  /** e.g. "admin:3f9a0c12", or "anonymous" when no keys are configured. */
  readonly id: string;
  readonly role: Role;
}

interface KeyEntry {
  readonly digest: Buffer;
  readonly caller: Caller;
}

export type KeysByRole = Partial<Record<Role, readonly string[]>>;

export class KeyRing {
  private readonly keys: readonly KeyEntry[];

  constructor(byRole: KeysByRole) {
    const entries: KeyEntry[] = [];
    for (const role of ['admin', 'viewer', 'ingest'] as const) {
      for (const key of byRole[role] ?? [])
        entries.push({ digest: sha256(key), caller: { id: `${role}:${sha256(key).toString('hex').slice(0, 8)}`, role } });
    }
    this.keys = entries;
  }

  get size(): number {
    return this.keys.length;
  }

  /** The caller a presented key belongs to, or undefined. */
  identify(key: string): Caller | undefined {
    const digest = sha256(key);
    // Compare against every key so the time taken does not tell which one matched.
    let found: Caller | undefined;
    for (const entry of this.keys) if (crypto.timingSafeEqual(entry.digest, digest) && !found) found = entry.caller;
    return found;
  }
}

/** The key a request presents in Authorization: Bearer or X-API-Key, if any. */
export function presentedKey(headers: { readonly authorization?: string; readonly 'x-api-key'?: string | string[] }): string | undefined {
  const header = headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  const key = headers['x-api-key'];
  return (typeof key === 'string' ? key.trim() : undefined) || undefined;
}

function sha256(text: string): Buffer {
  return crypto.createHash('sha256').update(text).digest();
}
