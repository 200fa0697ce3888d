// The HTTP side of the WebHDFS adapter, on Node's own http module (no client
// package: the `webhdfs` package the project used first pulled the deprecated
// `request` 2.88, hid HTTP statuses behind message-only errors, and could not
// send CREATE or RENAME the way the adapter needs). Three shapes of call:
// - sendEmpty: a request without a body whose (small) answer is read whole:
//   metadata calls, the first step of CREATE, RENAME;
// - putStream: the bytes of CREATE, streamed to the DataNode with backpressure;
// - getStream: OPEN, following the NameNode's redirect to the DataNode, the
//   answer handed over unread so the caller streams it.
// Every request has an idle socket timeout (ETIMEDOUT).

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
    const headers = method === 'GET' ? {} : { 'content-length': '0' };
    const request = clientFor(url).request(url, { method, headers, timeout: timeouts.idleMs });
    request.on('timeout', () => request.destroy(timedOut(timeouts.idleMs)));
    request.on('error', reject);
    request.on('response', (response) => {
      // Settled through resolve and reject: nothing is left to await.
      void readAnswer(response).then(resolve, reject);
    });
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
        // readAnswer rejects only with the response stream's 'error' events.
        (error: Error) => settle(() => reject(error)),
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

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GETs `url` and resolves with the answer unread (for streaming), after following up to
 * `redirects` redirects (WebHDFS OPEN: the NameNode answers 307 with a DataNode URL).
 * The idle timeout stays on the socket while the caller reads the body.
 */
export function getStream(url: URL, timeouts: HttpTimeouts, redirects = 3): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = clientFor(url).request(url, { method: 'GET', timeout: timeouts.idleMs });
    request.on('timeout', () => request.destroy(timedOut(timeouts.idleMs)));
    request.on('error', reject);
    request.on('response', (response) => {
      const location = response.headers.location;
      if (!REDIRECTS.has(response.statusCode ?? 0) || typeof location !== 'string' || redirects <= 0) return resolve(response);
      response.resume();
      getStream(new URL(location, url), timeouts, redirects - 1).then(resolve, reject);
    });
    request.end();
  });
}

/** Reads a whole (small) answer as text: error bodies and JSON. */
export function readBody(response: http.IncomingMessage): Promise<string> {
  return readAnswer(response).then((answer) => answer.body);
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
