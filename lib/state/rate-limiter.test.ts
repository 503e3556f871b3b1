import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter";

function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const takeN = (limiter: RateLimiter, key: string, limit: number, n: number) => Array.from({ length: n }, () => limiter.take(key, limit).allowed);

describe("RateLimiter (token bucket per key)", () => {
  it("allows a burst up to the limit, then refuses", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(clock.now);
    expect(takeN(limiter, "k1", 3, 3)).toEqual([true, true, true]);
    expect(limiter.take("k1", 3)).toEqual({ allowed: false, retryAfterSeconds: 20 });
  });

  it("refills limit/60 tokens per second, never above the limit", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(clock.now);
    takeN(limiter, "k1", 60, 60);
    expect(limiter.take("k1", 60).allowed).toBe(false);
    clock.advance(500);
    expect(limiter.take("k1", 60).allowed).toBe(false);
    clock.advance(500);
    expect(limiter.take("k1", 60).allowed).toBe(true);
    expect(limiter.take("k1", 60).allowed).toBe(false);
    clock.advance(5_000);
    expect(takeN(limiter, "k1", 60, 6)).toEqual([true, true, true, true, true, false]);
    clock.advance(10 * 60_000);
    expect(takeN(limiter, "k1", 60, 61).filter(Boolean)).toHaveLength(60);
  });

  it("keeps keys independent", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(clock.now);
    takeN(limiter, "a", 2, 2);
    expect(limiter.take("a", 2).allowed).toBe(false);
    expect(takeN(limiter, "b", 2, 2)).toEqual([true, true]);
    expect(limiter.take("b", 2).allowed).toBe(false);
  });

  it("says how many whole seconds until the next token (rounded up)", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(clock.now);
    takeN(limiter, "k", 7, 7);
    // 7 per minute: one token every 60/7 ≈ 8.57 s.
    expect(limiter.take("k", 7)).toEqual({ allowed: false, retryAfterSeconds: 9 });
    clock.advance(8_000);
    expect(limiter.take("k", 7)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(600);
    expect(limiter.take("k", 7).allowed).toBe(true);
    takeN(limiter, "slow", 1, 1);
    expect(limiter.take("slow", 1)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    takeN(limiter, "fast", 100_000, 100_000);
    expect(limiter.take("fast", 100_000)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("applies a changed limit to the tokens already held", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(clock.now);
    takeN(limiter, "k", 10, 2);
    expect(takeN(limiter, "k", 3, 4)).toEqual([true, true, true, false]);
  });
});
