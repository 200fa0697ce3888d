// Turns the client's callback errors into HBaseError. The patched client marks server
// exceptions with `exceptionClassName` and `doNotRetry` (DoNotRetryIOException and
// friends, bad requests); its own failures (timeouts, closed sockets) are retriable.
// A bare string comes from the unpatched ZooKeeper path (not connected): retriable.

import { HBaseError } from '../errors';

interface ClientFailure {
  message?: string;
  exceptionClassName?: string;
  doNotRetry?: boolean;
}

export function toHBaseError(operation: string, table: string, error: unknown): HBaseError {
  if (error instanceof HBaseError) return error;
  if (typeof error === 'string')
    return new HBaseError(`HBase ${operation} on ${table} failed: ${error}`, { retriable: true, cause: error });
  const failure = (error ?? {}) as ClientFailure;
  const className = failure.exceptionClassName;
  const detail = className ? `${shortName(className)}: ${firstLine(failure.message)}` : firstLine(failure.message ?? String(error));
  return new HBaseError(`HBase ${operation} on ${table} failed: ${detail}`, {
    retriable: className !== undefined && failure.doNotRetry !== true,
    cause: error,
  });
}

function shortName(className: string): string {
  return className.slice(className.lastIndexOf('.') + 1);
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0] ?? '';
}
