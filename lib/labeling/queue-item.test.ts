import { describe, expect, it } from "vitest";
import { matchesFilters, sampleOf, tierChoices, toQueueItem, type QueueRow } from "./queue-item";

const row: QueueRow = {
  id: "r1",
  createdAt: new Date("2026-11-20T10:00:00Z"),
  policyName: "three-tier",
  tierName: "balanced",
  model: "mistral",
  stage: "classifier",
  reason: "p below threshold",
  uncertainty: 0.8,
  escalated: false,
  hedged: false,
  decision: { labelCandidate: "random", fallbacks: ["capable"], scores: { classifier: { id: "h", kind: "heuristic" }, p: [0.7, 0.2], costUsd: [0.1, null, 0.3], expectedLossUsd: [1, 2, 3] }, trace: [{ stage: "rules", outcome: "miss", detail: "no rule", micros: 3 }] },
  latency: { attempts: [{ tier: "balanced", model: "mistral", ms: 420, outcome: "ok", costUsd: 0.001 }] },
  totalMs: 430,
  costUsd: 0.001,
  promptTokens: 10,
  completionTokens: 20,
  prompt: "user: hi",
  response: "hello",
  isDemo: true,
  claim: { expiresAt: new Date("2026-11-20T10:10:00Z") },
};

describe("toQueueItem", () => {
  it("keeps what a reviewer needs and marks the engine's random sample", () => {
    const item = toQueueItem(row, ["fast", "balanced", "capable"]);
    expect(item).toMatchObject({ id: "r1", tier: "balanced", sample: "random", policyTiers: ["fast", "balanced", "capable"], claimExpiresAt: "2026-11-20T10:10:00.000Z" });
    expect(item.decision.scores?.costUsd).toEqual([0.1, null, 0.3]);
    expect(item.decision.trace).toHaveLength(1);
    expect(item.attempts[0]).toMatchObject({ tier: "balanced", ms: 420 });
  });

  it("survives decision and latency JSON with missing or odd fields", () => {
    const item = toQueueItem({ ...row, decision: { labelCandidate: 3, trace: "nope", thresholds: { steps: "x" } }, latency: null, claim: null }, []);
    expect(item.sample).toBe("uncertain");
    expect(item.decision).toMatchObject({ labelCandidate: null, trace: [], fallbacks: [], scores: null, thresholds: { steps: [] } });
    expect(item.attempts).toEqual([]);
    expect(sampleOf(null)).toBe("uncertain");
    expect(sampleOf({ labelCandidate: "uncertain" })).toBe("uncertain");
  });
});

describe("tierChoices", () => {
  const item = { tier: "balanced", policyTiers: ["fast", "balanced", "capable"] };
  it("offers cheaper tiers for 'should be cheaper' and more capable ones for 'should be more capable'", () => {
    expect(tierChoices(item, "should-be-cheaper")).toEqual(["fast"]);
    expect(tierChoices(item, "should-be-more-capable")).toEqual(["capable"]);
    expect(tierChoices(item, "correct")).toEqual(["balanced"]);
    expect(tierChoices({ ...item, tier: "fast" }, "should-be-cheaper")).toEqual([]);
  });
  it("offers every other tier when the answering tier is no longer in the policy", () => {
    expect(tierChoices({ ...item, tier: "old" }, "should-be-cheaper")).toEqual(["fast", "balanced", "capable"]);
  });
});

describe("matchesFilters", () => {
  it("checks policy, tier and the half-open time range", () => {
    expect(matchesFilters(row, {})).toBe(true);
    expect(matchesFilters(row, { policy: "default" })).toBe(false);
    expect(matchesFilters(row, { tier: "balanced", from: new Date("2026-11-20T10:00:00Z") })).toBe(true);
    expect(matchesFilters(row, { to: new Date("2026-11-20T10:00:00Z") })).toBe(false);
  });
});
