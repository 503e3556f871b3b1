import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { BudgetTracker } from "../gateway/budget-tracker";
import { BreakerBoard, type BreakerTransition } from "./breaker-board";
import { ShadowBudget } from "../lab/shadow/plan-shadow";
import { SharedBudgets } from "./shared-budgets";
import { SharedDailyCaps } from "./shared-daily-caps";
import { SharedRateLimits } from "./shared-rate-limits";
import { SharedRedis } from "./shared-redis";

// The shared-state pieces against the machine's Redis, each test under its own key prefix.

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const opened: SharedRedis[] = [];

function connect(prefix: string, url = REDIS_URL): SharedRedis {
  const redis = new SharedRedis(url, prefix);
  opened.push(redis);
  return redis;
}

async function connected(redis: SharedRedis) {
  for (let i = 0; i < 200 && !redis.isUp; i++) await new Promise((r) => setTimeout(r, 10));
  expect(redis.isUp).toBe(true);
  return redis;
}

async function eventually(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

afterAll(async () => {
  for (const redis of opened) {
    const keys = redis.isUp ? await redis.client.keys(`${redis.prefix}*`) : [];
    if (keys.length) await redis.client.del(...keys);
  }
  await Promise.all(opened.map((r) => r.close()));
});

describe("the shared rate limit (GCRA in Redis)", () => {
  it("lets a key limited to 10 a minute through 10 times across limiters, then asks for a wait of one interval", async () => {
    const prefix = `t-${randomUUID()}:`;
    const limiters = [new SharedRateLimits(await connected(connect(prefix))), new SharedRateLimits(await connected(connect(prefix)))];
    const checks = [];
    for (let i = 0; i < 12; i++) checks.push(await limiters[i % 2]!.take("key-a", 10));
    expect(checks.slice(0, 10).every((c) => c.allowed)).toBe(true);
    expect(checks.slice(10)).toEqual([
      { allowed: false, retryAfterSeconds: 6 },
      { allowed: false, retryAfterSeconds: 6 },
    ]);
    // another key has its own allowance
    expect(await limiters[0]!.take("key-b", 10)).toEqual({ allowed: true });
  });

  it("falls back to the instance's own bucket when Redis cannot be reached, counting the failures", async () => {
    const redis = connect(`t-${randomUUID()}:`, "redis://127.0.0.1:1");
    const limits = new SharedRateLimits(redis);
    const checks = [];
    for (let i = 0; i < 3; i++) checks.push(await limits.take("key", 2));
    expect(checks.map((c) => c.allowed)).toEqual([true, true, false]);
    expect(redis.errors).toBe(3);
    expect(redis.state()).toEqual({ shared: true, up: false, errors: 3 });
  });
});

describe("breakers shared over Redis", () => {
  it("opens a tier's breaker on every board once one opens it, and a board started later reads it", async () => {
    const prefix = `t-${randomUUID()}:`;
    const a = new BreakerBoard(await connected(connect(prefix)), "a");
    const b = new BreakerBoard(await connected(connect(prefix)), "b");
    const seenByB: BreakerTransition[] = [];
    b.onTransition((t) => seenByB.push(t));
    await new Promise((r) => setTimeout(r, 50)); // subscriptions in place
    for (let i = 0; i < 5; i++) a.report("small", false);
    expect(a.health("small")).toBe("unhealthy");
    await eventually(() => b.health("small") === "unhealthy");
    expect(seenByB).toMatchObject([{ tier: "small", from: "closed", to: "open", origin: "remote" }]);
    expect(b.admit("small")).toBe(false);
    expect(b.health("large")).toBe("healthy");

    const late = new BreakerBoard(await connected(connect(prefix)), "late");
    await eventually(() => late.health("small") === "unhealthy");
  });

  it("closes it everywhere again when the tier recovers on one board", async () => {
    const prefix = `t-${randomUUID()}:`;
    let now = 1_000_000;
    const clock = () => now;
    const a = new BreakerBoard(await connected(connect(prefix)), "a", clock);
    const b = new BreakerBoard(await connected(connect(prefix)), "b", clock);
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 5; i++) a.report("small", false);
    await eventually(() => b.health("small") === "unhealthy");
    now += 15_000; // the cooldown: half-open on both, derived from the shared openedAt
    expect(b.health("small")).toBe("degraded");
    expect(a.admit("small")).toBe(true); // a's probe
    a.report("small", true);
    await eventually(() => b.health("small") === "healthy");
  });

  it("keeps each board's own breakers without Redis", () => {
    const alone = new BreakerBoard(null, "alone");
    const transitions: BreakerTransition[] = [];
    alone.onTransition((t) => transitions.push(t));
    for (let i = 0; i < 5; i++) alone.report("small", false);
    expect(alone.health("small")).toBe("unhealthy");
    expect(transitions).toMatchObject([{ tier: "small", from: "closed", to: "open", origin: "local" }]);
    expect(new BreakerBoard(null, "other").health("small")).toBe("healthy");
  });
});

describe("budgets shared over Redis", () => {
  /** One instance's tracker wired to the shared store, as the gateway runtime does. */
  async function instance(prefix: string, id: string, ttlMs?: number) {
    const shared = new SharedBudgets(await connected(connect(prefix)), id, ttlMs);
    const tracker = new BudgetTracker(shared);
    return { shared, tracker, sync: async (keyId: string, now: number) => tracker.setView(keyId, (await shared.read(keyId, now))!, now) };
  }
  const settled = () => new Promise((r) => setTimeout(r, 50)); // reserve/settle are sent without waiting

  it("counts another instance's reservations and settled spend in this one's committed total", async () => {
    const prefix = `t-${randomUUID()}:`;
    const now = Date.now(); // reservations are stamped with the real clock
    const a = await instance(prefix, "a");
    const b = await instance(prefix, "b");
    a.tracker.refresh(new Map([["k", 1]]), now); // both start from the request log's month-to-date
    b.tracker.refresh(new Map([["k", 1]]), now);
    a.tracker.reserve("k", 5);
    await settled();
    await b.sync("k", now);
    expect(b.tracker.committed("k", now)).toBeCloseTo(6, 9);
    a.tracker.settle("k", 5, 3, now); // a's request cost 3: spent 1 + 3, nothing held
    await settled();
    await b.sync("k", now);
    expect(b.tracker.committed("k", now)).toBeCloseTo(4, 9);
    b.tracker.reserve("k", 2); // b's own reservation counts once, not again through the store
    await settled();
    await b.sync("k", now);
    expect(b.tracker.committed("k", now)).toBeCloseTo(6, 9);
    // a view older than a few seconds is not counted: b falls back to its own numbers
    expect(b.tracker.committed("k", now + 60_000)).toBeCloseTo(3, 9);
  });

  it("lets the reservations of an instance that stopped answering expire, and releases a stopped one's at once", async () => {
    const prefix = `t-${randomUUID()}:`;
    const now = Date.now();
    const crashed = await instance(prefix, "crashed", 100);
    const stopping = await instance(prefix, "stopping");
    const reader = await instance(prefix, "reader");
    crashed.tracker.reserve("k", 4);
    stopping.tracker.reserve("k", 2);
    await settled();
    expect(await reader.shared.read("k", Date.now())).toEqual({ spentUsd: null, othersReservedUsd: 6 });
    await stopping.shared.release(stopping.tracker.reservedKeys(), Date.now());
    await new Promise((r) => setTimeout(r, 150));
    expect(await reader.shared.read("k", Math.max(Date.now(), now + 150))).toEqual({ spentUsd: null, othersReservedUsd: 0 });
  });
});

describe("a daily cap shared over Redis (shadow evaluation's)", () => {
  it("lets all instances together spend the cap once, settles to actual costs, and starts afresh the next day", async () => {
    const prefix = `t-${randomUUID()}:`;
    const a = new SharedDailyCaps(await connected(connect(prefix)), "shadow", new ShadowBudget());
    const b = new SharedDailyCaps(await connected(connect(prefix)), "shadow", new ShadowBudget());
    const day = Date.UTC(2026, 11, 7, 9);
    expect(await a.take("p", 1, 0.4, day)).toBe(true);
    expect(await b.take("p", 1, 0.4, day)).toBe(true);
    expect(await a.take("p", 1, 0.4, day)).toBe(false); // 1.2 > 1, whichever instance asks
    expect(await b.take("other", 1, 0.4, day)).toBe(true); // each policy has its own cap
    b.settle("p", 0.4, 0.1, day); // the calls cost less than estimated: room again
    await new Promise((r) => setTimeout(r, 50));
    expect(await a.take("p", 1, 0.4, day)).toBe(true);
    expect(await a.take("p", 1, 0.4, day + 86_400_000)).toBe(true);
  });

  it("uses the instance's own day when Redis cannot be reached", async () => {
    const caps = new SharedDailyCaps(connect(`t-${randomUUID()}:`, "redis://127.0.0.1:1"), "shadow", new ShadowBudget());
    expect(await caps.take("p", 1, 0.6, Date.now())).toBe(true);
    expect(await caps.take("p", 1, 0.6, Date.now())).toBe(false);
  });
});
