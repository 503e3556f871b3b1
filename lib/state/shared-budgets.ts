/**
 * Budget spend and reservations shared by gateway instances through Redis (REDIS_URL), per API key
 * and budget month:
 *   - spent: one float, seeded from the instance's month-to-date (the request log's sum plus what
 *     it recorded since) the first time a key settles in the month, then INCRBYFLOAT by every
 *     instance's settled cost — so it runs ahead of the request log instead of 5 s behind it;
 *   - reserved: what each instance's requests in flight hold, one hash field per instance, with a
 *     per-instance expiry (a sorted set of deadlines, RESERVATION_TTL_MS, renewed on each change):
 *     a crashed instance's reservations vanish after that, a stopped one's are released at once.
 * The gateway reads a key's shared view before deciding a capped request (one EVALSHA) into its
 * local mirror (budget-tracker.ts), so the decision stays synchronous. Any failure: the call is
 * dropped and the instance's own numbers stand (shared-redis.ts).
 */
import type Redis from "ioredis";
import { monthStart } from "../routing/check-budget";
import type { SharedRedis } from "./shared-redis";

/** Longer than any request may run; renewed whenever the instance reserves or settles. */
export const RESERVATION_TTL_MS = 10 * 60_000;
/** The spend counter outlives its month by a few days (then the request log's sums are the truth). */
const SPENT_TTL_MS = 35 * 86_400_000;

/** KEYS: spent, reserved hash, deadlines zset. ARGV: instance id, now. → { spent or -1, reserved by others } */
const READ_LUA = `
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[2])
for _, id in ipairs(expired) do redis.call('HDEL', KEYS[2], id) end
if #expired > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[2]) end
local others = 0
local all = redis.call('HGETALL', KEYS[2])
for i = 1, #all, 2 do if all[i] ~= ARGV[1] then others = others + tonumber(all[i + 1]) end end
local spent = redis.call('GET', KEYS[1])
return {spent or '-1', tostring(others)}
`;

/** KEYS: spent, reserved hash, deadlines zset. ARGV: instance id, reserved delta, actual spend, seed, deadline, ttl ms, spent ttl ms. → spent or -1 */
const CHANGE_LUA = `
local held = redis.call('HINCRBYFLOAT', KEYS[2], ARGV[1], ARGV[2])
if tonumber(held) <= 1e-12 then redis.call('HDEL', KEYS[2], ARGV[1]); redis.call('ZREM', KEYS[3], ARGV[1])
else redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1]) end
redis.call('PEXPIRE', KEYS[2], ARGV[6]); redis.call('PEXPIRE', KEYS[3], ARGV[6])
if tonumber(ARGV[3]) <= 0 then return redis.call('GET', KEYS[1]) or '-1' end
redis.call('SET', KEYS[1], ARGV[4], 'NX', 'PX', ARGV[7])
return redis.call('INCRBYFLOAT', KEYS[1], ARGV[3])
`;

export type SharedBudgetView = { spentUsd: number | null; othersReservedUsd: number };

type WithScripts = Redis & {
  frontdeskBudgetRead(spent: string, reserved: string, deadlines: string, id: string, now: number): Promise<[string, string]>;
  frontdeskBudgetChange(spent: string, reserved: string, deadlines: string, ...args: Array<string | number>): Promise<string>;
};

export class SharedBudgets {
  constructor(
    private readonly redis: SharedRedis,
    private readonly instanceId: string,
    private readonly reservationTtlMs = RESERVATION_TTL_MS,
  ) {
    redis.defineScript("frontdeskBudgetRead", 3, READ_LUA);
    redis.defineScript("frontdeskBudgetChange", 3, CHANGE_LUA);
  }

  private keys(keyId: string, now: number): [string, string, string] {
    const base = this.redis.key(`budget:${monthStart(now).toISOString().slice(0, 7)}:${keyId}:`);
    return [`${base}spent`, `${base}reserved`, `${base}deadlines`];
  }

  /** The key's month as every instance sees it (spent null: no instance settled yet this month); null when Redis fails. */
  read(keyId: string, now: number): Promise<SharedBudgetView | null> {
    return this.redis.attempt(async (c) => {
      const [spent, others] = await (c as WithScripts).frontdeskBudgetRead(...this.keys(keyId, now), this.instanceId, now);
      return { spentUsd: Number(spent) < 0 ? null : Number(spent), othersReservedUsd: Number(others) };
    }, () => null);
  }

  /** Changes this instance's reservation by `reservedDeltaUsd` and adds `actualUsd` to the spend (seeded with `seedUsd`). */
  change(keyId: string, reservedDeltaUsd: number, actualUsd: number, seedUsd: number, now: number): Promise<number | null> {
    return this.redis.attempt(async (c) => {
      const spent = await (c as WithScripts).frontdeskBudgetChange(
        ...this.keys(keyId, now),
        this.instanceId,
        String(reservedDeltaUsd),
        String(actualUsd),
        String(seedUsd),
        now + this.reservationTtlMs,
        this.reservationTtlMs,
        SPENT_TTL_MS,
      );
      return Number(spent) < 0 ? null : Number(spent);
    }, () => null);
  }

  /** Drops this instance's reservations of `keyIds` (on shutdown: its requests in flight are gone). */
  async release(keyIds: Iterable<string>, now: number): Promise<void> {
    const redis = this.redis;
    await redis.attempt(async (c) => {
      const pipeline = c.pipeline();
      for (const keyId of keyIds) {
        const [, reserved, deadlines] = this.keys(keyId, now);
        pipeline.hdel(reserved, this.instanceId).zrem(deadlines, this.instanceId);
      }
      await pipeline.exec();
    }, () => undefined);
  }
}
