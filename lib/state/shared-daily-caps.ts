/**
 * A USD cap per name and UTC day shared by every gateway instance (REDIS_URL): shadow
 * evaluation's daily cap per policy, and any other per-day cap of extra calls. `take` reserves an
 * estimate atomically if it fits under the cap (a Lua script), `settle` replaces it by what the
 * calls cost. Without Redis, or when a call fails, `local` (the instance's own day) decides — the
 * cap is then per instance until Redis answers again.
 */
import type Redis from "ioredis";
import type { SharedRedis } from "./shared-redis";

export interface DailyCap {
  take(name: string, capUsd: number, estimateUsd: number, now: number): boolean | Promise<boolean>;
  settle(name: string, estimateUsd: number, actualUsd: number, now: number): void;
}

/** The instance's own day (lab/shadow's ShadowBudget): answers at once. */
type LocalDailyCap = { take(name: string, capUsd: number, estimateUsd: number, now: number): boolean; settle: DailyCap["settle"] };

/** KEYS[1] the day's hash; ARGV: name, cap, estimate → 1 taken, 0 over the cap. */
const TAKE_LUA = `
local spent = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if spent + tonumber(ARGV[3]) > tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBYFLOAT', KEYS[1], ARGV[1], ARGV[3])
redis.call('PEXPIRE', KEYS[1], 172800000)
return 1
`;

type WithTake = Redis & { frontdeskCapTake(key: string, name: string, cap: number, estimate: number): Promise<number> };

export class SharedDailyCaps implements DailyCap {
  constructor(
    private readonly redis: SharedRedis | null,
    /** What is capped ("shadow"): part of the Redis key. */
    private readonly kind: string,
    private readonly local: LocalDailyCap,
  ) {
    redis?.defineScript("frontdeskCapTake", 1, TAKE_LUA);
  }

  private key(now: number): string {
    return this.redis!.key(`cap:${this.kind}:${new Date(now).toISOString().slice(0, 10)}`);
  }

  take(name: string, capUsd: number, estimateUsd: number, now: number): boolean | Promise<boolean> {
    if (!this.redis) return this.local.take(name, capUsd, estimateUsd, now);
    return this.redis.attempt<boolean>(
      async (c) => (await (c as WithTake).frontdeskCapTake(this.key(now), name, capUsd, estimateUsd)) === 1,
      () => this.local.take(name, capUsd, estimateUsd, now),
    );
  }

  settle(name: string, estimateUsd: number, actualUsd: number, now: number): void {
    const redis = this.redis;
    if (!redis) return this.local.settle(name, estimateUsd, actualUsd, now);
    void redis.attempt(
      async (c) => void (await c.hincrbyfloat(this.key(now), name, actualUsd - estimateUsd)),
      () => this.local.settle(name, estimateUsd, actualUsd, now),
    );
  }
}
