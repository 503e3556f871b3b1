import { describe, expect, it } from "vitest";
import { decide } from "./decide";
import { explore } from "./explore";
import { makeCtx, makeSnapshot, seededRng, stubClassifier } from "./testing/fixtures";
import { isRejection, type Decision } from "./types";

const tiers = ["a", "b", "c"].map((name, i) => ({ name, provider: "simulated" as const, model: name, inputUsdPerMTok: 10 ** i, outputUsdPerMTok: 10 ** i }));
const resolved = tiers.map((t) => ({ ...t, enabled: true })) as never;
const healthy = () => "healthy" as const;
const on = { explore: { enabled: true, rate: 0.1, uncertainAbove: 0.5 } };

describe("explore", () => {
  it("gives an uncertain decision's adjacent tiers rate/2 each and keeps 1 − rate on the choice", () => {
    const x = explore(on, resolved, 1, 0.8, healthy, () => 0.5);
    expect(x).toEqual({ index: 1, propensities: [0.05, 0.9, 0.05], explored: false });
  });

  it("explores at the rate, over both neighbours, the draw deciding which", () => {
    expect(explore(on, resolved, 1, 0.8, healthy, () => 0.01).index).toBe(0);
    expect(explore(on, resolved, 1, 0.8, healthy, () => 0.09).index).toBe(2);
    const rng = seededRng(7);
    const picks = Array.from({ length: 20_000 }, () => explore(on, resolved, 1, 0.8, healthy, rng));
    const share = picks.filter((x) => x.explored).length / picks.length;
    expect(share).toBeGreaterThan(0.09);
    expect(share).toBeLessThan(0.11);
  });

  it("leaves certain decisions, disabled policies and tiers without an available neighbour alone", () => {
    expect(explore(on, resolved, 1, 0.2, healthy, () => 0)).toMatchObject({ index: 1, propensities: [0, 1, 0], explored: false });
    expect(explore({ explore: { ...on.explore, enabled: false } }, resolved, 1, 0.9, healthy, () => 0).explored).toBe(false);
    const open = (t: string) => (t === "a" || t === "c" ? ("unhealthy" as const) : ("healthy" as const));
    expect(explore(on, resolved, 1, 0.9, open, () => 0)).toMatchObject({ index: 1, propensities: [0, 1, 0] });
    expect(explore(on, [resolved[0], null, resolved[2]] as never, 0, 0.9, healthy, () => 0.01)).toMatchObject({ index: 2, propensities: [0.9, 0, 0.1] });
  });
});

describe("decide with exploration", () => {
  const config = (exploreOn: boolean) => ({ tiers, policies: [{ name: "p", tiers: ["a", "b", "c"], explore: { enabled: exploreOn, rate: 0.1, uncertainAbove: 0 } }] });
  const run = (exploreOn: boolean, rng: () => number) => {
    const snapshot = makeSnapshot(config(exploreOn) as never, { classifiers: { p: stubClassifier([0.5, 0.2]) } });
    const d = decide(snapshot, "p", { messages: [{ role: "user", content: "hello there" }] }, makeCtx({ rng }));
    if (isRejection(d)) throw new Error(d.reason);
    return d as Decision;
  };

  it("records propensities on every decision: all on the choice without exploration", () => {
    const d = run(false, seededRng(1));
    expect(d.propensities.reduce((a, b) => a + b, 0)).toBe(1);
    expect(d.propensities[["a", "b", "c"].indexOf(d.tier)]).toBe(1);
    expect(d.explored).toBeUndefined();
  });

  it("an explored decision says so: stage explore, the trace, and its propensity", () => {
    const d = run(true, () => 0.001);
    expect(d.stage).toBe("explore");
    expect(d.explored).toBe(true);
    expect(d.reason).toMatch(/explored: sent to \w+ instead/);
    expect(d.propensities[["a", "b", "c"].indexOf(d.tier)]).toBeGreaterThan(0);
    expect(d.propensities[["a", "b", "c"].indexOf(d.tier)]).toBeLessThanOrEqual(0.1);
    expect(d.trace.find((s) => s.stage === "explore")).toMatchObject({ outcome: "hit" });
    expect(d.hedge).toBeNull();
  });
});
