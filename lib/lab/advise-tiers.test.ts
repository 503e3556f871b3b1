import { describe, expect, it } from "vitest";
import { recommend, tierSets, type TierOption } from "./advise-tiers";

const option = (tiers: string[], lossUsd: number, over: Partial<TierOption> = {}): TierOption => ({
  tiers, current: false, costUsd: lossUsd / 2, quality: 0.9, qualityLow: 0.85, qualityHigh: 0.95, escalationRate: 0.1, addedLatencyMs: 0, lossUsd, replayed: 100, shares: {}, ...over,
});

describe("tierSets", () => {
  it("lists the current set first, then every ordered 2- and 3-tier subset once, bounded", () => {
    expect(tierSets(["a", "b", "c"], ["a", "c"])).toEqual([["a", "c"], ["a", "b"], ["b", "c"], ["a", "b", "c"]]);
    expect(tierSets(["a", "b", "c", "d", "e"], ["a", "e"], 4)).toHaveLength(4);
  });
});

describe("recommend", () => {
  it("keeps the current tiers unless an alternative is materially better at the policy's price", () => {
    const current = option(["a", "c"], 100, { current: true });
    expect(recommend([current, option(["a", "b", "c"], 99.5)]).recommended).toBe(current);
    const better = option(["a", "b", "c"], 90, { costUsd: 40, quality: 0.92 });
    const r = recommend([current, better]);
    expect(r.recommended).toBe(better);
    expect(r.reason).toMatch(/^switch to 3 tiers \(a → b → c\): 20\.0% cheaper and 2\.0 quality points better/);
  });

  it("prefers fewer tiers when they are as good within the noise", () => {
    const current = option(["a", "b", "c"], 100, { current: true });
    const two = option(["a", "c"], 101, { costUsd: 50.5 });
    const r = recommend([current, two, option(["b", "c"], 140)]);
    expect(r.recommended).toBe(two);
    expect(r.reason).toMatch(/with one tier fewer to run$/);
    // but not when they are materially worse
    expect(recommend([current, option(["a", "c"], 110)]).recommended).toBe(current);
  });

  it("says why it keeps the current tiers, naming the best alternative", () => {
    const r = recommend([option(["a", "c"], 100, { current: true }), option(["b", "c"], 130, { costUsd: 80 })]);
    expect(r.reason).toMatch(/^keep 2 tiers \(a → c\): the best alternative, 2 tiers \(b → c\), would cost 60\.0% more/);
  });
});
