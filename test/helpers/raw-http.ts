// A small HTTP client for unit tests of Express apps: unlike fetch, it sends
// any Host and Origin header it is given (what a DNS-rebinding page sends),
// and can abort a request before the answer.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface RawRequest {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

export interface Listening {
  readonly port: number;
  request(req: RawRequest): Promise<RawAnswer>;
  /** Sends the request and destroys the socket after `afterMs`, before any answer. */
  abort(req: RawRequest, afterMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function listen(handler: http.RequestListener, host = '127.0.0.1'): Promise<Listening> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const options = (req: RawRequest): http.RequestOptions => ({
    host,
    port,
    method: req.method ?? 'GET',
    path: req.path,
    agent: false,
    headers: {
      host: `${host.includes(':') ? `[${host}]` : host}:${port}`,
      ...(req.body !== undefined ? { 'content-length': String(Buffer.byteLength(req.body)) } : {}),
      ...req.headers,
    },
  });
  return {
    port,
    request: (req) =>
      new Promise((resolve, reject) => {
        const out = http.request(options(req), (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        out.on('error', reject);
        out.end(req.body);
      }),
    abort: (req, afterMs) =>
      new Promise((resolve) => {
        const out = http.request(options(req));
        out.on('error', () => resolve());
        out.end(req.body);
        setTimeout(() => {
          out.destroy();
          resolve();
        }, afterMs);
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
