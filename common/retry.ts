// The one retry loop of the project: exponential backoff with full jitter.
// A failure that is not retriable (error.retriable === false on a UtopiaError, or
// `bail` returning true) ends the loop at once.

import { RetriesExceededError, UtopiaError } from './errors';

export interface RetryOptions {
  /** Attempts after the first one; Infinity retries until `signal` aborts. */
  retries?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
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
  return !(error instanceof UtopiaError) || error.retriable;
}

export function backoffDelay(attempt: number, options: RetryOptions = {}, random: () => number = Math.random): number {
  const { initialDelayMs, maxDelayMs, factor } = { ...defaultRetry, ...options };
  const ceiling = Math.min(maxDelayMs, initialDelayMs * factor ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export async function retry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? defaultRetry.retries;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!isRetriable(error) || options.bail?.(error)) throw error;
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
