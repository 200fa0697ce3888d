// RENAME with renameoptions (NONE or OVERWRITE), always sent with options: the
// NameNode then runs rename2, which fails with a RemoteException
// (FileAlreadyExistsException, FileNotFoundException) instead of answering
// {"boolean": false}, and never moves the source *into* an existing folder.
// A server that ignores renameoptions (e.g. an HttpFS gateway) still answers with the
// boolean: a false there becomes an HdfsError too.

import { HdfsError } from '../errors';
import type { RetryOptions } from '../retry';
import { retryHdfs } from './hdfs-retry';
import { decodeBoolean } from './hdfs-entry';
import { failureFromNetwork, failureFromResponse, toHdfsError } from './webhdfs-failure';
import { sendEmpty, type HttpTimeouts } from './webhdfs-http';
import { operationUrl } from './webhdfs-url';

export interface RenameTarget {
  readonly endpoint: URL;
  readonly user: string;
  readonly timeouts: HttpTimeouts;
  readonly retry: RetryOptions;
}

/** Resolves when renamed; `explainFalse` builds the message when the server answers {"boolean": false}. */
export async function renamePath(
  target: RenameTarget,
  source: string,
  destination: string,
  overwrite: boolean,
  explainFalse: () => Promise<string>,
): Promise<void> {
  const url = operationUrl(target.endpoint, target.user, source, 'RENAME', {
    destination,
    renameoptions: overwrite ? 'OVERWRITE' : 'NONE',
  });
  // Not idempotent: a repeat after a rename that did happen would fail on the missing
  // source. toHdfsError marks only refused attempts (connection refused, standby) retriable.
  const answer = await retryHdfs(async () => {
    try {
      return await sendEmpty('PUT', url, target.timeouts);
    } catch (error) {
      throw toHdfsError('rename', source, failureFromNetwork(error), { idempotent: false, cause: error });
    }
  }, target.retry);
  if (answer.status !== 200) {
    throw toHdfsError('rename', source, failureFromResponse(answer.status, answer.body), { idempotent: false });
  }
  if (answer.body.trim() !== '' && !decodeBoolean(JSON.parse(answer.body))) {
    throw new HdfsError('rename', source, 200, `HDFS answered {"boolean": false} to a rename to ${destination}: ${await explainFalse()}`);
  }
}
