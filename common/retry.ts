// The one retry loop of the project: exponential backoff with full jitter.
// Errors are typed, never judged by their text: a UtopiaError by its
// `retriable`, a kafkajs error by its type and retriable flag
// (common/kafka kafka-failure.ts: only 'transient' is retriable), anything else
// (a RangeError, a TypeError, a bug) is NOT retriable. A failure that is not
// retriable ends the loop after `fatalAttempts` attempts (default 1: at once);
// `bail` returning true ends it at once.

import { RetriesExceededError, UtopiaError } from './errors';
import { kafkaFailure } from './kafka/kafka-failure';

export interface RetryOptions {
  /** Attempts after the first one; Infinity retries until `signal` aborts. */
  retries?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
  /**
   * Attempts in all for errors that are not retriable (default 1: thrown at
   * once): a small budget for a failure that may be a fluke, after which the
   * caller decides (e.g. isolates the poison event). Retriable errors get `retries`.
   */
  fatalAttempts?: number;
  /** Extra test for errors that must not be retried. */
  bail?: (error: unknown) => boolean;
  /** Called before each wait, e.g. to log "HBase unavailable, retrying in 800 ms". */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  signal?: AbortSignal;
  random?: () => number;
}

export const defaultRetry: Required<Pick<RetryOptions, 'retries' | 'initialDelayMs' | 'maxDelayMs' | 'factor'>> = {
  retries: 8,
  initialDelayMs: 100,
  maxDelayMs: 10_000,
  factor: 2,
};

export function isRetriable(error: unknown): boolean {
  if (error instanceof UtopiaError) return error.retriable;
  return kafkaFailure(error) === 'transient';
}

export function backoffDelay(attempt: number, options: RetryOptions = {}, random: () => number = Math.random): number {
  const { initialDelayMs, maxDelayMs, factor } = { ...defaultRetry, ...options };
  const ceiling = Math.min(maxDelayMs, initialDelayMs * factor ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export async function retry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? defaultRetry.retries;
  const fatalAttempts = options.fatalAttempts ?? 1;
  let fatal = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (options.bail?.(error)) throw error;
      if (!isRetriable(error) && ++fatal >= fatalAttempts) throw error;
      if (attempt > retries || options.signal?.aborted) throw new RetriesExceededError(attempt, error);
      const delayMs = backoffDelay(attempt, options, options.random);
      options.onRetry?.(error, attempt, delayMs);
      await sleep(delayMs, options.signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
