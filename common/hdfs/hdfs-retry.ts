// The project retrier (common/retry.ts) for HDFS calls. When every attempt failed the
// caller still gets an HdfsError (the last one, with operation, path and status), not
// the generic RetriesExceededError, so every HDFS failure has one shape.

import { HdfsError, RetriesExceededError } from '../errors';
import { retry, type RetryOptions } from '../retry';

export async function retryHdfs<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  try {
    return await retry(operation, options);
  } catch (error) {
    if (error instanceof RetriesExceededError && error.cause instanceof HdfsError) throw error.cause;
    throw error;
  }
}
