// Builds the WebHDFS-backed HdfsStore from the hdfs section of the config.

import type { Config } from '../config';
import type { Logger } from '../log';
import { defaultRetry, type RetryOptions } from '../retry';
import { WebHdfsStore } from './webhdfs-store';
import { webhdfsEndpoint } from './webhdfs-url';

export interface HdfsStoreDeps {
  readonly logger?: Logger;
  /** Defaults to the project's default retry (8 retries, up to 10 s apart). */
  readonly retry?: RetryOptions;
  /** Idle socket time before a call fails, in milliseconds. */
  readonly idleTimeoutMs?: number;
}

export function createHdfsStore(hdfs: Pick<Config['hdfs'], 'webhdfsUrl' | 'user'>, deps: HdfsStoreDeps = {}): WebHdfsStore {
  const endpoint = webhdfsEndpoint(hdfs.webhdfsUrl);
  const idleMs = deps.idleTimeoutMs ?? 60_000;
  return new WebHdfsStore({
    endpoint,
    user: hdfs.user,
    retry: deps.retry ?? defaultRetry,
    timeouts: { idleMs },
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
}
