import { describe, expect, it } from "vitest";
import { readVerdict, shadowTier, judgeTier, ShadowBudget, structuredEqual } from "./plan-shadow";

const tiers = new Map([["a", { enabled: true }], ["b", { enabled: false }], ["c", { enabled: true }]]);
const policy = (target = "next", judge: string | null = null) => ({ tiers: ["a", "b", "c"], shadow: { enabled: true, rate: 1, dailyUsdCap: 1, target, judgeTier: judge, rubric: "A, B or TIE?" } });

describe("shadow plan", () => {
  it("shadows with the next enabled tier up, or the named one, never the served tier itself", () => {
    expect(shadowTier(policy(), tiers, "a")).toBe("c");
    expect(shadowTier(policy(), tiers, "c")).toBeNull();
    expect(shadowTier(policy("a"), tiers, "c")).toBe("a");
    expect(shadowTier(policy("a"), tiers, "a")).toBeNull();
    expect(shadowTier(policy("b"), tiers, "a")).toBeNull();
    // a tier that cannot serve the request (e.g. no tools for a tool request) is passed over
    expect(shadowTier(policy(), tiers, "a", (t) => t !== "c")).toBeNull();
    expect(judgeTier(policy(), tiers)).toBe("c");
    expect(judgeTier(policy("next", "a"), tiers)).toBe("a");
  });

  it("stops at the daily cap and starts over the next UTC day", () => {
    const budget = new ShadowBudget();
    const day = Date.parse("2026-12-06T10:00:00Z");
    expect(budget.take("p", 1, 0.6, day)).toBe(true);
    expect(budget.take("p", 1, 0.6, day)).toBe(false);
    budget.settle("p", 0.6, 0.1, day);
    expect(budget.take("p", 1, 0.6, day)).toBe(true);
    expect(budget.spent("p", day)).toBeCloseTo(0.7, 9);
    expect(budget.take("q", 1, 0.6, day)).toBe(true); // each policy has its own cap
    expect(budget.take("p", 1, 0.6, day + 86_400_000)).toBe(true);
  });

  it("reads the judge's verdict and compares tool calls and JSON exactly", () => {
    expect(readVerdict(" b ")).toBe("B");
    expect(readVerdict("TIE.")).toBe("TIE");
    expect(readVerdict("Answer A is better")).toBe("A");
    expect(readVerdict("neither")).toBeNull();
    expect(readVerdict("Both give a good account of it")).toBeNull();
    const call = (args: string) => ({ content: "", toolCalls: [{ function: { name: "get_weather", arguments: args } }] });
    expect(structuredEqual(call('{"city":"Paris","unit":"c"}'), call('{"unit":"c","city":"Paris"}'), false)).toBe(true);
    expect(structuredEqual(call('{"city":"Paris"}'), call('{"city":"Lyon"}'), false)).toBe(false);
    expect(structuredEqual({ content: '{"a":1,"b":[1,2]}' }, { content: '{"b":[1,2],"a":1}' }, true)).toBe(true);
    expect(structuredEqual({ content: "Paris." }, { content: "Paris." }, false)).toBeNull();
  });
});
