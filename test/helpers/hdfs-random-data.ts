// Random bytes generated as a stream (never held whole), with their sha256 computed
// on the way, and a streaming sha256 of what comes back.

import crypto from 'node:crypto';
import { Readable } from 'node:stream';

export interface RandomData {
  readonly stream: Readable;
  /** Resolves with the hex sha256 once the stream has been read to the end. */
  readonly sha256: Promise<string>;
}

/** `pauseMs` waits before each chunk, to stretch a write over time (e.g. so a concurrent reader can poll). */
export function randomDataStream(totalBytes: number, chunkBytes = 1 << 20, pauseMs = 0): RandomData {
  const hash = crypto.createHash('sha256');
  let produced = 0;
  let resolveDigest: (digest: string) => void = () => undefined;
  const sha256 = new Promise<string>((resolve) => (resolveDigest = resolve));
  const produce = (): void => {
    if (produced >= totalBytes) {
      resolveDigest(hash.digest('hex'));
      stream.push(null);
      return;
    }
    const chunk = crypto.randomBytes(Math.min(chunkBytes, totalBytes - produced));
    produced += chunk.length;
    hash.update(chunk);
    stream.push(chunk);
  };
  const stream: Readable = new Readable({
    highWaterMark: chunkBytes,
    read() {
      if (pauseMs > 0) setTimeout(produce, pauseMs);
      else produce();
    },
  });
  return { stream, sha256 };
}

export async function sha256OfStream(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
