import { describe, expect, it } from "vitest";
import type { Assessment } from "./assess-answer";
import { policySchema } from "./config-schema";
import { planHedge, resolveHedge, shouldStartHedge } from "./plan-hedge";
import { fakeClock } from "./testing/fixtures";

const policy = policySchema.parse({ name: "p", tiers: ["fast", "capable"], hedging: { enabled: true, band: [0.3, 0.6], delayMs: 800 } });
const confident: Assessment = { confidence: 0.9, signals: [], escalate: false };
const unsure: Assessment = { confidence: 0.2, signals: [], escalate: true };

describe("planHedge", () => {
  it("hedges inside the band (inclusive) when a next tier exists", () => {
    expect(planHedge(policy, 0.3, "capable")).toEqual({ tier: "capable", delayMs: 800 });
    expect(planHedge(policy, 0.6, "capable")).toEqual({ tier: "capable", delayMs: 800 });
    expect(planHedge(policy, 0.29, "capable")).toBeNull();
    expect(planHedge(policy, 0.61, "capable")).toBeNull();
    expect(planHedge(policy, 0.5, null)).toBeNull();
    expect(planHedge({ ...policy, hedging: { ...policy.hedging, enabled: false } }, 0.5, "capable")).toBeNull();
  });
});

describe("shouldStartHedge (fake clock)", () => {
  it("starts the large tier once the delay passes without a small answer", () => {
    const clock = fakeClock(1000, 200);
    const plan = planHedge(policy, 0.5, "capable");
    const started = clock();
    const ticks = [clock(), clock(), clock(), clock()].map((now) => shouldStartHedge(plan, started, now, {}));
    expect(ticks).toEqual([false, false, false, true]);
    expect(shouldStartHedge(plan, started, started + 5000, { arrivedAt: started + 10 })).toBe(false);
    expect(shouldStartHedge(null, started, started + 5000, {})).toBe(false);
  });
});

describe("resolveHedge", () => {
  it("uses a confident small answer and aborts the running large call", () => {
    expect(resolveHedge({ arrivedAt: 10, assessment: confident }, { started: true }, 0.5)).toMatchObject({ use: "small", abort: "large" });
    expect(resolveHedge({ arrivedAt: 10, assessment: confident }, {}, 0.5)).toMatchObject({ use: "small", abort: null });
  });

  it("waits for the large answer when the small one is not confident", () => {
    expect(resolveHedge({ arrivedAt: 10, assessment: unsure }, { started: true }, 0.5)).toMatchObject({ use: "wait", startLarge: false });
    expect(resolveHedge({ arrivedAt: 10, assessment: unsure }, { started: true, arrivedAt: 30 }, 0.5)).toMatchObject({ use: "large", abort: null });
  });

  it("starts the large tier at once when the small answer is unusable before the delay", () => {
    expect(resolveHedge({ failed: true }, {}, 0.5)).toMatchObject({ use: "wait", startLarge: true });
    expect(resolveHedge({ arrivedAt: 5, assessment: unsure }, {}, 0.5)).toMatchObject({ startLarge: true });
  });

  it("takes the large answer if it arrives first and aborts the small call", () => {
    expect(resolveHedge({}, { started: true, arrivedAt: 50 }, 0.5)).toMatchObject({ use: "large", abort: "small" });
  });

  it("keeps an unconfident small answer when the large tier fails, and fails when both do", () => {
    expect(resolveHedge({ arrivedAt: 5, assessment: unsure }, { started: true, failed: true }, 0.5)).toMatchObject({ use: "small" });
    expect(resolveHedge({ failed: true }, { started: true, failed: true }, 0.5)).toMatchObject({ use: "fail" });
  });

  it("waits while nothing has arrived", () => {
    expect(resolveHedge({}, { started: true }, 0.5)).toMatchObject({ use: "wait", abort: null, startLarge: false });
  });
});
