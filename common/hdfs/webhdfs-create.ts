// WebHDFS CREATE in its two steps: PUT to the NameNode without a body, which answers
// 307 with the DataNode URL (127.0.0.1:9864 in the local stack), then PUT the bytes to
// that DataNode, streamed, which answers 201. Only step 1 is retried here: it has no
// body, and a retry of step 2 would need the stream again.

import type { Readable } from 'node:stream';
import type { RetryOptions } from '../retry';
import { retryHdfs } from './hdfs-retry';
import { failureFromNetwork, failureFromResponse, toHdfsError } from './webhdfs-failure';
import { putStream, sendEmpty, SourceStreamError, type HttpTimeouts } from './webhdfs-http';
import { operationUrl } from './webhdfs-url';
import { HdfsError } from '../errors';

export interface CreateTarget {
  readonly endpoint: URL;
  readonly user: string;
  readonly timeouts: HttpTimeouts;
  readonly retry: RetryOptions;
}

/** `replayable`: the caller can send the same bytes again (a Buffer), so a broken step 2 is retriable. */
export async function createFile(
  target: CreateTarget,
  path: string,
  source: Readable,
  overwrite: boolean,
  replayable: boolean,
): Promise<void> {
  const dataNodeUrl = await retryHdfs(() => askDataNode(target, path, overwrite), target.retry);
  let answer;
  try {
    answer = await putStream(dataNodeUrl, source, target.timeouts);
  } catch (error) {
    if (error instanceof SourceStreamError) {
      throw new HdfsError('create', path, undefined, error.message, { retriable: false, cause: error.sourceError });
    }
    throw toHdfsError('create', path, failureFromNetwork(error), { idempotent: replayable, cause: error });
  }
  if (answer.status !== 201 && answer.status !== 200) {
    throw toHdfsError('create', path, failureFromResponse(answer.status, answer.body), { idempotent: replayable });
  }
}

async function askDataNode(target: CreateTarget, path: string, overwrite: boolean): Promise<URL> {
  const url = operationUrl(target.endpoint, target.user, path, 'CREATE', { overwrite: String(overwrite) });
  let answer;
  try {
    answer = await sendEmpty('PUT', url, target.timeouts);
  } catch (error) {
    throw toHdfsError('create', path, failureFromNetwork(error), { cause: error });
  }
  if (answer.status === 307 && answer.location) return new URL(answer.location, url);
  throw toHdfsError('create', path, failureFromResponse(answer.status, answer.body));
}
