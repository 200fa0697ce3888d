// Bounds how many view reads go to HBase at once, over all requests: a
// request that fans out (20 locations x a month of hourly chunks) queues its
// reads here instead of opening thousands of concurrent multi-gets and scans.
// Sits between the caches and the HBase views, so cached chunks never wait.

import type { CountScope } from '../../common/contract';
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
  constructor(private readonly inner: CountViews, private readonly limiter: ReadLimiter) {}

  batchRows(scope: CountScope, location: bigint, fromMs: number, toMs: number): Promise<CountRow[]> {
    return this.limiter.run(() => this.inner.batchRows(scope, location, fromMs, toMs));
  }

  speedRows(scope: CountScope, location: bigint, fromMs: number, toMs: number): Promise<CountRow[]> {
    return this.limiter.run(() => this.inner.speedRows(scope, location, fromMs, toMs));
  }

  speedItemRows(location: bigint, itemName: string, fromMs: number, toMs: number): Promise<CountRow[]> {
    return this.limiter.run(() => this.inner.speedItemRows(location, itemName, fromMs, toMs));
  }
}
