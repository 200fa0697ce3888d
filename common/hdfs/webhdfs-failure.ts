// Turns what went wrong in a WebHDFS call into an HdfsError, from the wire facts only:
// the HTTP status, the RemoteException class in the JSON error body
// ({"RemoteException":{"exception","javaClassName","message"}}) and the socket error
// code. Pure, so the table is unit-tested without a cluster.

import { HdfsError } from '../errors';

export interface RemoteException {
  readonly exception: string;
  readonly javaClassName?: string;
  readonly message: string;
}

/** What one failed call told us: a response (status, maybe a RemoteException) or a socket error. */
export interface WebHdfsFailure {
  readonly status?: number;
  readonly remote?: RemoteException;
  readonly networkCode?: string;
  readonly message: string;
}

/** Exceptions meaning "not now, try again": an HA standby, safe mode, a NameNode-side retry hint. */
const retriableExceptions = new Set(['StandbyException', 'SafeModeException', 'RetriableException', 'ObserverRetryOnActiveException']);

/** Socket errors worth another attempt. */
const retriableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

/** Failures that prove the server did not carry the operation out, so even a non-idempotent call may be repeated. */
const refusedExceptions = new Set(['StandbyException', 'SafeModeException', 'RetriableException']);

export function parseRemoteException(body: unknown): RemoteException | undefined {
  let value = body;
  if (Buffer.isBuffer(value)) value = value.toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const remote = (value as { RemoteException?: Record<string, unknown> } | null)?.RemoteException;
  if (!remote || typeof remote.message !== 'string') return undefined;
  return {
    exception: typeof remote.exception === 'string' ? remote.exception : 'RemoteException',
    ...(typeof remote.javaClassName === 'string' ? { javaClassName: remote.javaClassName } : {}),
    message: withoutStackTrace(remote.message),
  };
}

/** Some NameNode messages carry the server's Java stack trace ("\n\tat org.apache..."): keep the text before it. */
function withoutStackTrace(message: string): string {
  const index = message.search(/\r?\n\s*at /);
  return (index >= 0 ? message.slice(0, index) : message).trim();
}

export function failureFromResponse(status: number, body: unknown): WebHdfsFailure {
  const remote = parseRemoteException(body);
  if (remote) return { status, remote, message: `${remote.message} (${remote.exception})` };
  return { status, message: `unexpected answer${describeBody(body)}` };
}

export function failureFromNetwork(error: unknown): WebHdfsFailure {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const text = error instanceof Error ? error.message : String(error);
  return { ...(code ? { networkCode: code } : {}), message: code === 'ECONNREFUSED' ? `cannot reach WebHDFS: ${text}` : text };
}

/** May the same call succeed if sent again (assuming it is idempotent)? */
export function isRetriableFailure(failure: WebHdfsFailure): boolean {
  if (failure.remote && retriableExceptions.has(failure.remote.exception)) return true;
  if (failure.status !== undefined) return failure.status >= 500;
  return failure.networkCode !== undefined && retriableCodes.has(failure.networkCode);
}

/** Did the server certainly not act? (connection refused, standby, safe mode). */
export function wasRefused(failure: WebHdfsFailure): boolean {
  if (failure.remote) return refusedExceptions.has(failure.remote.exception);
  return failure.networkCode === 'ECONNREFUSED';
}

export interface ToHdfsErrorOptions {
  /** False for calls that must not be blindly repeated (rename, a streamed upload): retriable only if refused. */
  idempotent?: boolean;
  cause?: unknown;
}

export function toHdfsError(operation: string, path: string, failure: WebHdfsFailure, options: ToHdfsErrorOptions = {}): HdfsError {
  const retriable = options.idempotent === false ? wasRefused(failure) : isRetriableFailure(failure);
  return new HdfsError(operation, path, failure.status, failure.message, {
    retriable,
    cause: options.cause ?? failure.remote ?? failure,
  });
}

function describeBody(body: unknown): string {
  if (body === undefined || body === null || body === '') return '';
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : JSON.stringify(body);
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine === '' ? '' : `: ${oneLine.length > 200 ? oneLine.slice(0, 200) + '...' : oneLine}`;
}
