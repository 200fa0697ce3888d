// Ambient types for the parts of the untyped `webhdfs` package (v1.2) this adapter uses.
// Every call returns the `request` (v2) object behind it: the adapter listens to its
// 'response' event because the package's own errors carry only a message, without the
// HTTP status or the RemoteException class (see webhdfs-call.ts).

declare module 'webhdfs' {
  import type { IncomingMessage } from 'node:http';
  import type { Stream } from 'node:stream';

  export interface WebHdfsClientOptions {
    host: string;
    port: number | string;
    /** The REST prefix, e.g. /webhdfs/v1. */
    path: string;
    protocol?: 'http' | 'https';
    /** Sent as user.name (SIMPLE authentication). */
    user?: string;
  }

  /** The response as `request` hands it over: `body` is set (JSON-parsed when possible) once read. */
  export type WebHdfsResponse = IncomingMessage & { body?: unknown };

  /** The `request` object of one call: a legacy duplex stream. */
  export interface WebHdfsRequest extends Stream {
    on(event: 'response', listener: (response: WebHdfsResponse) => void): this;
    on(event: 'data', listener: (chunk: Buffer) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'end' | 'complete' | 'finish', listener: () => void): this;
    pipe<T extends NodeJS.WritableStream>(destination: T): T;
    abort(): void;
  }

  export type Callback = (error?: Error | null) => void;

  export interface WebHdfsClient {
    /** MKDIRS; a null mode means 0755. */
    mkdir(path: string, mode: string | null, callback: Callback): WebHdfsRequest;
    /** RENAME without options (old-style: answers {"boolean": false} instead of failing). */
    rename(path: string, destination: string, callback: Callback): WebHdfsRequest;
    /** GETFILESTATUS. */
    stat(path: string, callback: Callback): WebHdfsRequest;
    /** LISTSTATUS. */
    readdir(path: string, callback: Callback): WebHdfsRequest;
    /** DELETE; answers {"boolean": false} when nothing was there. */
    unlink(path: string, recursive: boolean, callback: Callback): WebHdfsRequest;
    /** OPEN, following the NameNode's redirect to a DataNode. */
    createReadStream(path: string, options?: Record<string, string>): WebHdfsRequest;
  }

  export function createClient(options?: Partial<WebHdfsClientOptions>, requestParams?: Record<string, unknown>): WebHdfsClient;
}
