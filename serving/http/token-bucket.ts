// Token buckets per caller for the rate limit: `ratePerS` tokens refill each
// second up to `burst`; a request takes one. Pure, with the clock passed in.

export interface TakeResult {
  readonly allowed: boolean;
  /** Whole seconds until a token is available (0 when allowed). */
  readonly retryAfterS: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerS: number,
    private readonly burst: number,
    private readonly maxCallers = 100_000,
  ) {}

  take(caller: string, nowMs: number): TakeResult {
    const bucket = this.buckets.get(caller) ?? { tokens: this.burst, at: nowMs };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * this.ratePerS);
    bucket.at = nowMs;
    if (!this.buckets.has(caller)) {
      if (this.buckets.size >= this.maxCallers) this.buckets.delete(this.buckets.keys().next().value as string);
      this.buckets.set(caller, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterS: 0 };
    }
    return { allowed: false, retryAfterS: Math.max(1, Math.ceil((1 - bucket.tokens) / this.ratePerS)) };
  }
}
