// Errors of the native HBase client. A server exception keeps its Java class name, so
// the client can tell a moved region (re-locate, retry) from a final failure; the retry
// decision follows HBase's own client: DoNotRetryIOException and its kin are final, other
// HBase and java.io exceptions are worth retrying.

import { HBaseError } from '../../errors';
import type { ServerException } from '../wire/response-codec';

const DO_NOT_RETRY = new Set([
  'org.apache.hadoop.hbase.DoNotRetryIOException',
  'org.apache.hadoop.hbase.TableNotFoundException',
  'org.apache.hadoop.hbase.TableNotEnabledException',
  'org.apache.hadoop.hbase.TableNotDisabledException',
  'org.apache.hadoop.hbase.NamespaceNotFoundException',
  'org.apache.hadoop.hbase.UnknownRegionException',
  'org.apache.hadoop.hbase.UnknownScannerException',
  'org.apache.hadoop.hbase.regionserver.NoSuchColumnFamilyException',
  'org.apache.hadoop.hbase.regionserver.LeaseException',
  'org.apache.hadoop.hbase.exceptions.UnknownProtocolException',
  'org.apache.hadoop.hbase.exceptions.FailedSanityCheckException',
  'org.apache.hadoop.hbase.exceptions.OperationConflictException',
  'org.apache.hadoop.hbase.exceptions.OutOfOrderScannerNextException',
  'org.apache.hadoop.hbase.exceptions.ScannerResetException',
  'org.apache.hadoop.hbase.exceptions.RequestTooBigException',
  'org.apache.hadoop.hbase.security.AccessDeniedException',
  'org.apache.hadoop.hbase.coprocessor.CoprocessorException',
]);

/** The region is not (or no longer) where the cache says: drop the cached location. */
const RELOCATE = new Set([
  'org.apache.hadoop.hbase.NotServingRegionException',
  'org.apache.hadoop.hbase.exceptions.RegionMovedException',
  'org.apache.hadoop.hbase.exceptions.RegionOpeningException',
  'org.apache.hadoop.hbase.regionserver.RegionServerStoppedException',
  'org.apache.hadoop.hbase.ipc.ServerNotRunningYetException',
]);

/** A scanner the server no longer knows: reopen it after the last row returned. */
const SCANNER_LOST = new Set([
  'org.apache.hadoop.hbase.UnknownScannerException',
  'org.apache.hadoop.hbase.regionserver.LeaseException',
  'org.apache.hadoop.hbase.exceptions.OutOfOrderScannerNextException',
  'org.apache.hadoop.hbase.exceptions.ScannerResetException',
]);

export class HBaseServerError extends HBaseError {
  constructor(
    readonly exceptionClassName: string,
    message: string,
    retriable: boolean,
  ) {
    super(message, { retriable });
  }
}

export function serverError(operation: string, table: string, exception: ServerException): HBaseServerError {
  const name = exception.className;
  const retriable = !exception.doNotRetry && !DO_NOT_RETRY.has(name) && /^(org\.apache\.hadoop\.hbase\.|java\.io\.|java\.net\.)/.test(name);
  return new HBaseServerError(
    name,
    `HBase ${operation} on ${table} failed: ${name.slice(name.lastIndexOf('.') + 1)}: ${exception.message}`,
    retriable,
  );
}

/** A client-side failure that says the cached location may be stale (closed socket, timeout, moved region). */
export function needsRelocation(error: unknown): boolean {
  if (error instanceof HBaseServerError) return RELOCATE.has(error.exceptionClassName);
  return error instanceof HBaseError && error.retriable;
}

export function scannerLost(error: unknown): boolean {
  return error instanceof HBaseServerError && SCANNER_LOST.has(error.exceptionClassName);
}
