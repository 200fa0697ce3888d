// One batch run at a time: a lock file in HDFS (<root>/locks/batch.lock).
// Creating a file without overwrite is atomic on the NameNode, so exactly one
// of two racing runs gets it. The file holds its owner and an expiry; the
// holder renews it while it runs, and an expired lock (a crashed run) is taken
// over by renaming it away first: only one taker's rename can succeed.

import crypto from 'node:crypto';
import os from 'node:os';
import { lockPath, locksDir } from '../../common/contract';
import { UtopiaError } from '../../common/errors';
import type { HdfsStore } from '../../common/hdfs';
import { sleep } from '../../common/retry';

export class LockHeldError extends UtopiaError {}

interface LockBody {
  readonly owner: string;
  readonly acquiredAt: string;
  readonly expiresAt: number;
}

export interface BatchLock {
  readonly owner: string;
  release(): Promise<void>;
}

export interface LockOptions {
  readonly leaseMs: number;
  /** Wait this long for a held lock; 0 refuses at once. */
  readonly waitMs: number;
  readonly now?: () => number;
  readonly onWait?: (holder: string) => void;
}

export async function acquireBatchLock(hdfs: HdfsStore, root: string, options: LockOptions): Promise<BatchLock> {
  const now = options.now ?? Date.now;
  const path = lockPath(root, 'batch');
  const owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  const body = (): Buffer =>
    Buffer.from(
      JSON.stringify({ owner, acquiredAt: new Date(now()).toISOString(), expiresAt: now() + options.leaseMs } satisfies LockBody),
    );
  await hdfs.mkdirs(locksDir(root));
  const deadline = now() + options.waitMs;
  let warned = false;
  for (;;) {
    try {
      await hdfs.upload(path, body(), { overwrite: false });
      break;
    } catch (error) {
      if (!(await hdfs.exists(path))) throw error; // not a lock conflict
    }
    const holder = await readLock(hdfs, path);
    if (holder && holder.expiresAt < now()) {
      await hdfs.rename(path, `${path}.expired-${owner.replace(/[^A-Za-z0-9]/g, '_')}`).catch(() => undefined);
      continue;
    }
    const who = holder
      ? `${holder.owner} since ${holder.acquiredAt}, lease until ${new Date(holder.expiresAt).toISOString()}`
      : 'another run';
    if (now() >= deadline)
      throw new LockHeldError(`another batch run holds the lock ${path} (${who}); not starting. Retry later or pass --wait.`);
    if (!warned) options.onWait?.(who);
    warned = true;
    await sleep(1000);
  }
  const renew = setInterval(
    () => {
      void hdfs.upload(path, body(), { overwrite: true }).catch(() => undefined);
    },
    Math.max(1000, Math.floor(options.leaseMs / 3)),
  );
  renew.unref();
  return {
    owner,
    async release() {
      clearInterval(renew);
      const holder = await readLock(hdfs, path);
      if (holder?.owner === owner) await hdfs.delete(path);
    },
  };
}

async function readLock(hdfs: HdfsStore, path: string): Promise<LockBody | undefined> {
  try {
    return JSON.parse((await hdfs.readFile(path)).toString('utf8')) as LockBody;
  } catch {
    return undefined; // vanished or half-written: treat as free on the next attempt
  }
}
