// The two WebHDFS calls made with node's http instead of the `webhdfs` package:
// - CREATE: the package's createWriteStream never settles when the NameNode answers
//   503, hides the DataNode's status, and cannot be aborted when the source stream
//   fails (its DataNode request is internal), so an upload could hang forever;
// - RENAME with renameoptions=OVERWRITE: the package's rename() sends only `destination`.

import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';

export interface HttpAnswer {
  readonly status: number;
  readonly location?: string;
  readonly body: string;
}

export interface HttpTimeouts {
  /** Idle socket time before the call fails with ETIMEDOUT. */
  readonly idleMs: number;
}

/** Sends a request without a body and reads the whole (small) answer. Redirects are returned, not followed. */
export function sendEmpty(method: string, url: URL, timeouts: HttpTimeouts): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = clientFor(url).request(url, { method, headers: { 'content-length': '0' }, timeout: timeouts.idleMs });
    request.on('timeout', () => request.destroy(timedOut(timeouts.idleMs)));
    request.on('error', reject);
    request.on('response', (response) => readAnswer(response).then(resolve, reject));
    request.end();
  });
}

/**
 * PUTs `source` as a chunked body, with backpressure, and reads the answer. An error answer
 * that arrives while we still send (the DataNode may reject at once) wins over the write
 * error it causes; a failing source aborts the request.
 */
export function putStream(url: URL, source: Readable, timeouts: HttpTimeouts): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    const request = clientFor(url).request(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
      timeout: timeouts.idleMs,
    });
    request.on('timeout', () => request.destroy(timedOut(timeouts.idleMs)));
    request.on('response', (response) => {
      // An answer before the body was sent in full is a rejection: stop sending.
      const early = !request.writableFinished;
      if (early) source.unpipe(request);
      readAnswer(response).then(
        (answer) => {
          if (early) request.destroy();
          settle(() => resolve(answer));
        },
        (error) => settle(() => reject(error)),
      );
    });
    request.on('error', (error) => {
      // Give an error answer already on its way a moment to arrive before the write error.
      setTimeout(() => settle(() => reject(error)), 50);
    });
    source.on('error', (error) => {
      request.destroy();
      settle(() => reject(new SourceStreamError(error)));
    });
    source.pipe(request);
  });
}

/** The data being uploaded failed, not HDFS; only ever the `cause` of an HdfsError. */
export class SourceStreamError extends Error {
  constructor(readonly sourceError: unknown) {
    super(`the stream being uploaded failed: ${sourceError instanceof Error ? sourceError.message : String(sourceError)}`);
  }
}

function readAnswer(response: http.IncomingMessage): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('error', reject);
    response.on('end', () =>
      resolve({
        status: response.statusCode ?? 0,
        ...(typeof response.headers.location === 'string' ? { location: response.headers.location } : {}),
        body: Buffer.concat(chunks).toString('utf8'),
      }),
    );
  });
}

function clientFor(url: URL): typeof http | typeof https {
  return url.protocol === 'https:' ? https : http;
}

function timedOut(idleMs: number): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`no answer for ${idleMs} ms`);
  error.code = 'ETIMEDOUT';
  return error;
}
