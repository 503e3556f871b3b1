import { describe, expect, it } from "vitest";
import { fallbackOnSchema } from "./config-schema";
import { cheapestTier, fallbackChain, nextTierUp, policyDefaultTier, shouldFallBack } from "./plan-fallback";
import type { TierHealth } from "./types";

const tiers = ["a", "b", "c", "d"];
const health = (down: string[] = [], half: string[] = []) => (t: string): TierHealth => (down.includes(t) ? "unhealthy" : half.includes(t) ? "degraded" : "healthy");

describe("policyDefaultTier", () => {
  it("quality-first takes the most capable available tier, cost-first the cheapest", () => {
    expect(policyDefaultTier(tiers, "quality-first", health())).toBe("d");
    expect(policyDefaultTier(tiers, "quality-first", health(["d"]))).toBe("c");
    expect(policyDefaultTier(tiers, "cost-first", health(["a"]))).toBe("b");
    expect(cheapestTier(tiers, health())).toBe("a");
  });

  it("still names a tier when all are down, and null when there are none", () => {
    expect(policyDefaultTier(tiers, "quality-first", health(tiers))).toBe("d");
    expect(policyDefaultTier([], "cost-first", health())).toBeNull();
  });
});

describe("fallbackChain", () => {
  it("goes up the policy's order first, then down, never the failed tier", () => {
    expect(fallbackChain(tiers, "b", health())).toEqual(["c", "d", "a"]);
    expect(fallbackChain(tiers, "d", health())).toEqual(["c", "b", "a"]);
  });

  it("puts degraded tiers after healthy ones and open breakers last", () => {
    expect(fallbackChain(tiers, "a", health(["b"], ["c"]))).toEqual(["d", "c", "b"]);
  });

  it("never lists a tier twice and honours exclusions", () => {
    const chain = fallbackChain([...tiers, "b"], "a", health(), ["d"]);
    expect(chain).toEqual(["b", "c"]);
  });

  it("treats a tier outside the policy as below all of them", () => {
    expect(fallbackChain(tiers, "zzz", health())).toEqual(tiers);
  });
});

describe("nextTierUp", () => {
  it("skips open breakers when climbing", () => {
    expect(nextTierUp(tiers, "a", health(["b"]))).toBe("c");
    expect(nextTierUp(tiers, "d", health())).toBeNull();
    expect(nextTierUp(tiers, "x", health())).toBeNull();
  });
});

describe("shouldFallBack", () => {
  const on = fallbackOnSchema.parse({});
  it.each([
    [{ status: 500 }, true],
    [{ status: 503 }, true],
    [{ status: 429 }, true],
    [{ status: 400 }, false],
    [{ status: 401 }, false],
    [{ timeout: true }, true],
    [{ connection: true }, true],
    [{}, false],
  ])("%j → %s with the defaults", (error, expected) => {
    expect(shouldFallBack(error, on)).toBe(expected);
  });

  it("follows the policy's settings", () => {
    const strict = fallbackOnSchema.parse({ statuses: [502], timeouts: false, connectionErrors: false });
    expect(shouldFallBack({ status: 500 }, strict)).toBe(false);
    expect(shouldFallBack({ status: 502 }, strict)).toBe(true);
    expect(shouldFallBack({ timeout: true, status: 504 }, strict)).toBe(false);
    expect(shouldFallBack({ connection: true }, strict)).toBe(false);
  });
});
