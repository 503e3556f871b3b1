/**
 * Per-API-key rate limits: one token bucket per key, in this process's memory. A key limited to
 * N requests per minute holds up to N tokens (the burst) and earns N/60 tokens a second; each
 * request spends one. With several gateway instances every instance has its own buckets, so the
 * effective limit is up to (instances × N). The clock is an input, so tests drive time.
 */
export type RateCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Bucket = { tokens: number; at: number };

/** Buckets untouched this long are full again and can be forgotten. */
const IDLE_MS = 60_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes one token from `keyId`'s bucket (capacity `limitPerMinute`), or says how long to wait for one. */
  take(keyId: string, limitPerMinute: number): RateCheck {
    const now = this.now();
    this.sweep(now);
    const bucket = this.refill(this.buckets.get(keyId), limitPerMinute, now);
    this.buckets.set(keyId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const perMs = limitPerMinute / 60_000;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
  }

  /** The bucket as of `now`: a new key starts full; tokens never exceed the (current) limit. */
  private refill(bucket: Bucket | undefined, limit: number, now: number): Bucket {
    if (!bucket) return { tokens: limit, at: now };
    const elapsed = Math.max(0, now - bucket.at);
    return { tokens: Math.min(limit, bucket.tokens + (elapsed * limit) / 60_000), at: now };
  }

  private sweep(now: number) {
    if (now - this.lastSweep < IDLE_MS) return;
    this.lastSweep = now;
    for (const [id, b] of this.buckets) if (now - b.at >= IDLE_MS) this.buckets.delete(id);
  }
}
