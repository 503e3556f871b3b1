/**
 * Per-API-key rate limits every gateway instance enforces together: with REDIS_URL one GCRA step
 * per request runs atomically in Redis (gcra.ts; EVALSHA, one round trip), so a key limited to N
 * a minute gets N across all instances. Without Redis, or when a call fails or takes longer than
 * the connection's command timeout, this instance's own token bucket (rate-limiter.ts) decides —
 * a request is never refused or failed because Redis is down; the limit is per instance meanwhile.
 */
import type Redis from "ioredis";
import { GCRA_LUA } from "./gcra";
import { RateLimiter, type RateCheck } from "./rate-limiter";
import type { SharedRedis } from "./shared-redis";

type WithGcra = Redis & { frontdeskGcra(key: string, limit: number): Promise<[number, number]> };

export class SharedRateLimits {
  readonly local: RateLimiter;

  constructor(private readonly redis: SharedRedis | null, now: () => number = Date.now) {
    this.local = new RateLimiter(now);
    redis?.defineScript("frontdeskGcra", 1, GCRA_LUA);
  }

  /** Spends one of `keyId`'s requests for this minute, or says how long to wait. */
  take(keyId: string, limitPerMinute: number): Promise<RateCheck> | RateCheck {
    const redis = this.redis;
    if (!redis) return this.local.take(keyId, limitPerMinute);
    return redis.attempt(
      async (client) => {
        const [allowed, retryMs] = await (client as WithGcra).frontdeskGcra(redis.key(`rate:${keyId}`), limitPerMinute);
        return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryMs / 1000)) };
      },
      () => this.local.take(keyId, limitPerMinute),
    );
  }
}
