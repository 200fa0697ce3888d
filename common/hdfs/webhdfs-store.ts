// HdfsStore over WebHDFS, every call made with Node's http (webhdfs-http.ts).
// Idempotent calls are retried with the project retrier; rename and stream uploads are
// retried only when the server certainly did not act.

import { Readable } from 'node:stream';
import { HdfsError } from '../errors';
import type { Logger } from '../log';
import type { RetryOptions } from '../retry';
import { decodeBoolean, decodeListing, decodeStatus, type HdfsEntry } from './hdfs-entry';
import { baseName, checkHdfsPath, parentOf } from './hdfs-path';
import { retryHdfs } from './hdfs-retry';
import type { DeleteOptions, HdfsStore, RenameOptions, UploadOptions } from './hdfs-store';
import { callWebHdfs, type CallTarget } from './webhdfs-call';
import { createFile } from './webhdfs-create';
import type { HttpTimeouts } from './webhdfs-http';
import { openReadStream } from './webhdfs-read-stream';
import { renamePath } from './webhdfs-rename';
import { operationUrl } from './webhdfs-url';

export interface WebHdfsStoreDeps {
  /** The REST endpoint, e.g. http://127.0.0.1:9870/webhdfs/v1. */
  readonly endpoint: URL;
  readonly user: string;
  readonly retry: RetryOptions;
  readonly timeouts: HttpTimeouts;
  readonly logger?: Logger;
}

export class WebHdfsStore implements HdfsStore {
  private readonly retry: RetryOptions;

  constructor(private readonly deps: WebHdfsStoreDeps) {
    const log = deps.logger;
    this.retry = {
      ...deps.retry,
      onRetry: (error, attempt, delayMs) => {
        log?.warn(`${error instanceof Error ? error.message : String(error)}; attempt ${attempt} failed, retrying in ${delayMs} ms`);
        deps.retry.onRetry?.(error, attempt, delayMs);
      },
    };
  }

  async mkdirs(path: string): Promise<void> {
    const target = { operation: 'mkdirs', path: checkHdfsPath(path, 'mkdirs') };
    const body = await retryHdfs(() => this.call(target, 'PUT', 'MKDIRS', { permission: '755' }), this.retry);
    if (!this.decode(target, () => decodeBoolean(body))) {
      throw new HdfsError('mkdirs', target.path, 200, 'HDFS answered {"boolean": false}');
    }
  }

  async upload(path: string, data: Readable | Buffer, options: UploadOptions = {}): Promise<void> {
    const checked = checkHdfsPath(path, 'create');
    const overwrite = options.overwrite ?? false;
    const target = { endpoint: this.deps.endpoint, user: this.deps.user, timeouts: this.deps.timeouts, retry: this.retry };
    if (!Buffer.isBuffer(data)) return createFile(target, checked, data, overwrite, false);
    // A Buffer can be sent again; without overwrite a retry would trip over its own partial file.
    const once = () => createFile(target, checked, Readable.from([data]), overwrite, overwrite);
    return overwrite ? retryHdfs(once, this.retry) : once();
  }

  readStream(path: string): Promise<Readable> {
    const checked = checkHdfsPath(path, 'open');
    return retryHdfs(() => openReadStream(this.deps, checked), this.retry);
  }

  readFile(path: string): Promise<Buffer> {
    const checked = checkHdfsPath(path, 'open');
    return retryHdfs(async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of await openReadStream(this.deps, checked)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    }, this.retry);
  }

  rename(source: string, destination: string, options: RenameOptions = {}): Promise<void> {
    const from = checkHdfsPath(source, 'rename');
    const to = checkHdfsPath(destination, 'rename');
    const target = { endpoint: this.deps.endpoint, user: this.deps.user, timeouts: this.deps.timeouts, retry: this.retry };
    return renamePath(target, from, to, options.overwrite ?? false, () => this.explainRenameFalse(from, to));
  }

  async list(path: string): Promise<HdfsEntry[]> {
    const target = { operation: 'liststatus', path: checkHdfsPath(path, 'liststatus') };
    const body = await retryHdfs(() => this.call(target, 'GET', 'LISTSTATUS'), this.retry);
    return this.decode(target, () =>
      decodeListing(body).map((entry) => (entry.name === '' ? { ...entry, name: baseName(target.path) } : entry)),
    );
  }

  async stat(path: string): Promise<HdfsEntry | null> {
    const target = { operation: 'getfilestatus', path: checkHdfsPath(path, 'getfilestatus') };
    try {
      const body = await retryHdfs(() => this.call(target, 'GET', 'GETFILESTATUS'), this.retry);
      return this.decode(target, () => decodeStatus(body, baseName(target.path)));
    } catch (error) {
      // WebHDFS maps FileNotFoundException, and only it, to 404.
      if (error instanceof HdfsError && error.status === 404) return null;
      throw error;
    }
  }

  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)) !== null;
  }

  async delete(path: string, options: DeleteOptions = {}): Promise<boolean> {
    const target = { operation: 'delete', path: checkHdfsPath(path, 'delete') };
    if (target.path === '/') throw new HdfsError('delete', '/', undefined, 'refusing to delete the root folder');
    const recursive = options.recursive ?? false;
    // A repeat after a delete that did happen answers false, which is what we report anyway.
    const body = await retryHdfs(() => this.call(target, 'DELETE', 'DELETE', { recursive: String(recursive) }), this.retry);
    return this.decode(target, () => decodeBoolean(body));
  }

  /** Why a rename answered false, for the error message only (the state may change meanwhile). */
  private async explainRenameFalse(source: string, destination: string): Promise<string> {
    try {
      if ((await this.stat(source)) === null) return `the source ${source} does not exist`;
      if ((await this.stat(destination)) !== null) return `the destination ${destination} already exists`;
      if ((await this.stat(parentOf(destination))) === null) return `the destination folder ${parentOf(destination)} does not exist`;
      return 'HDFS gave no reason';
    } catch {
      return 'HDFS gave no reason (and the paths could not be inspected)';
    }
  }

  private call(target: CallTarget, method: 'GET' | 'PUT' | 'DELETE', op: string, params: Record<string, string> = {}): Promise<unknown> {
    return callWebHdfs(target, method, operationUrl(this.deps.endpoint, this.deps.user, target.path, op, params), this.deps.timeouts);
  }

  private decode<T>(target: { operation: string; path: string }, decode: () => T): T {
    try {
      return decode();
    } catch (error) {
      throw new HdfsError(target.operation, target.path, 200, `unexpected answer: ${(error as Error).message}`, { cause: error });
    }
  }
}
