// Runs one metadata call of the `webhdfs` package and settles it from the HTTP response
// itself. The package's callback error is a bare Error(message): no status, no exception
// class, "Unexpected redirect" for a 503, and success for {"boolean": false}. So we keep
// the package for the request and read status and body from its 'response' event.

import type { Callback, WebHdfsRequest, WebHdfsResponse } from 'webhdfs';
import { failureFromNetwork, failureFromResponse, toHdfsError } from './webhdfs-failure';

export interface CallTarget {
  readonly operation: string;
  readonly path: string;
  /** False for calls that must not be repeated unless the server refused them (rename). */
  readonly idempotent?: boolean;
}

/** Resolves with the JSON body of a 200 answer; rejects with an HdfsError otherwise. */
export function callWebHdfs(target: CallTarget, start: (callback: Callback) => WebHdfsRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let response: WebHdfsResponse | undefined;
    const request = start((error) => {
      const idempotent = target.idempotent ?? true;
      if (response === undefined) {
        return reject(toHdfsError(target.operation, target.path, failureFromNetwork(error), { idempotent, cause: error }));
      }
      if (response.statusCode === 200) return resolve(response.body);
      return reject(toHdfsError(target.operation, target.path, failureFromResponse(response.statusCode ?? 0, response.body), { idempotent }));
    });
    request.on('response', (answer) => {
      response = answer;
    });
  });
}
