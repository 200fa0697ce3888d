// One WebHDFS metadata call (MKDIRS, GETFILESTATUS, LISTSTATUS, DELETE) settled
// from the wire facts: a 200 answer's JSON body, or an HdfsError made from the
// HTTP status and the RemoteException in the body, or from the socket error.

import { HdfsError } from '../errors';
import { failureFromNetwork, failureFromResponse, toHdfsError } from './webhdfs-failure';
import { sendEmpty, type HttpTimeouts } from './webhdfs-http';

export interface CallTarget {
  readonly operation: string;
  readonly path: string;
  /** False for calls that must not be repeated unless the server refused them (rename). */
  readonly idempotent?: boolean;
}

/** Resolves with the JSON body of a 200 answer; rejects with an HdfsError otherwise. */
export async function callWebHdfs(
  target: CallTarget,
  method: 'GET' | 'PUT' | 'DELETE',
  url: URL,
  timeouts: HttpTimeouts,
): Promise<unknown> {
  const idempotent = target.idempotent ?? true;
  let answer;
  try {
    answer = await sendEmpty(method, url, timeouts);
  } catch (error) {
    throw toHdfsError(target.operation, target.path, failureFromNetwork(error), { idempotent, cause: error });
  }
  if (answer.status !== 200)
    throw toHdfsError(target.operation, target.path, failureFromResponse(answer.status, answer.body), { idempotent });
  try {
    return JSON.parse(answer.body) as unknown;
  } catch (error) {
    throw new HdfsError(target.operation, target.path, 200, `unexpected answer (not JSON): ${answer.body.slice(0, 200)}`, { cause: error });
  }
}
