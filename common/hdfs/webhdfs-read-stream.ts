// OPEN through the package's createReadStream (it follows the redirect to the DataNode
// and keeps backpressure), wrapped so that the caller gets a plain Readable once the
// DataNode answers 200, or an HdfsError with status and RemoteException otherwise. The
// package itself reports an error answer as one bare Error per body chunk.

import { PassThrough, type Readable } from 'node:stream';
import type { WebHdfsClient, WebHdfsRequest } from 'webhdfs';
import { HdfsError } from '../errors';
import { failureFromNetwork, failureFromResponse, toHdfsError } from './webhdfs-failure';
import { encodeHdfsPath } from './hdfs-path';

export function openReadStream(client: WebHdfsClient, path: string): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const output = new PassThrough();
    const request = client.createReadStream(encodeHdfsPath(path));
    let opened = false;
    let answeredWithError = false;

    request.on('response', (response) => {
      if (response.statusCode === 200) {
        opened = true;
        checkLength(request, output, path, response.headers['content-length']);
        return resolve(output);
      }
      // The package has just replaced the 'data' listeners with its own; collect the body beside it.
      answeredWithError = true;
      const chunks: Buffer[] = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        reject(toHdfsError('open', path, failureFromResponse(response.statusCode ?? 0, Buffer.concat(chunks))));
      });
    });
    request.on('error', (error) => {
      if (answeredWithError) return; // the package's message-only copy of the error answer
      const failure = toHdfsError('open', path, failureFromNetwork(error), { cause: error });
      if (opened) output.destroy(failure);
      else reject(failure);
    });
    request.pipe(output);
  });
}

/** A DataNode that dies mid-answer can end the body early without an error: compare with Content-Length. */
function checkLength(request: WebHdfsRequest, output: PassThrough, path: string, header: string | undefined): void {
  const expected = header === undefined ? NaN : Number(header);
  if (!Number.isSafeInteger(expected)) return;
  let received = 0;
  request.on('data', (chunk) => {
    received += chunk.length;
  });
  request.on('end', () => {
    if (received !== expected) {
      output.destroy(new HdfsError('open', path, 200, `the answer ended after ${received} of ${expected} bytes`, { retriable: true }));
    }
  });
}
