// OPEN: GET from the NameNode, which redirects to a DataNode, and hand the
// caller a plain Readable once the DataNode answers 200 (with backpressure), or
// reject with an HdfsError carrying the status and RemoteException. A DataNode
// that dies mid-answer can end the body early without an error, so the bytes
// are counted against Content-Length.

import { PassThrough, type Readable } from 'node:stream';
import { HdfsError } from '../errors';
import { failureFromNetwork, failureFromResponse, toHdfsError } from './webhdfs-failure';
import { getStream, readBody, type HttpTimeouts } from './webhdfs-http';
import { operationUrl } from './webhdfs-url';

export interface ReadTarget {
  readonly endpoint: URL;
  readonly user: string;
  readonly timeouts: HttpTimeouts;
}

export async function openReadStream(target: ReadTarget, path: string): Promise<Readable> {
  let response;
  try {
    response = await getStream(operationUrl(target.endpoint, target.user, path, 'OPEN'), target.timeouts);
  } catch (error) {
    throw toHdfsError('open', path, failureFromNetwork(error), { cause: error });
  }
  if (response.statusCode !== 200) {
    const status = response.statusCode ?? 0;
    const body = await readBody(response).catch(() => '');
    throw toHdfsError('open', path, failureFromResponse(status, body));
  }
  const output = new PassThrough();
  const header = response.headers['content-length'];
  const expected = header === undefined ? NaN : Number(header);
  let received = 0;
  response.on('data', (chunk: Buffer) => {
    received += chunk.length;
  });
  // Registered before pipe(), so a short body fails the output before pipe ends it.
  response.on('end', () => {
    if (Number.isSafeInteger(expected) && received !== expected) {
      output.destroy(new HdfsError('open', path, 200, `the answer ended after ${received} of ${expected} bytes`, { retriable: true }));
    }
  });
  response.on('error', (error) => output.destroy(toHdfsError('open', path, failureFromNetwork(error), { cause: error })));
  response.on('close', () => {
    if (!response.complete && !output.destroyed)
      output.destroy(new HdfsError('open', path, 200, `the connection closed after ${received} bytes of the answer`, { retriable: true }));
  });
  // A caller that gives up on the stream frees the socket.
  output.on('close', () => {
    if (!response.complete) response.destroy();
  });
  response.pipe(output);
  return output;
}
