// Bounds how many view reads go to HBase at once, over all requests: a
// request that fans out (20 locations x a month of hourly chunks) queues its
// reads here instead of opening thousands of concurrent multi-gets and scans.
// Sits between the caches and the HBase views, so cached chunks never wait.

import type { CountRow, CountViews } from '../views';

/** A counting semaphore: at most `limit` tasks run at once, the rest wait in order. */
export class ReadLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`ReadLimiter limit must be a whole number >= 1, got ${limit}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` stays counted.
      if (next) next();
      else this.running--;
    }
  }
}

/** CountViews whose every read takes a slot of the shared limiter. */
export class LimitedCountViews implements CountViews {
  constructor(
    private readonly inner: CountViews,
    private readonly limiter: ReadLimiter,
  ) {}

  batchRows(...args: Parameters<CountViews['batchRows']>): Promise<CountRow[]> {
    return this.limiter.run(() => this.inner.batchRows(...args));
  }

  speedRows(...args: Parameters<CountViews['speedRows']>): Promise<CountRow[]> {
    return this.limiter.run(() => this.inner.speedRows(...args));
  }

  speedItemRows(...args: Parameters<CountViews['speedItemRows']>): Promise<CountRow[]> {
    return this.limiter.run(() => this.inner.speedItemRows(...args));
  }

  /** One slot for the whole sum: its few roll-up reads run one after another. */
  speedSums(...args: Parameters<CountViews['speedSums']>): Promise<CountRow[]> {
    return this.limiter.run(() => this.inner.speedSums(...args));
  }
}
