import { describe, expect, it } from "vitest";
import { policySchema } from "./config-schema";
import { planHedge } from "./plan-hedge";

const policy = policySchema.parse({ name: "p", tiers: ["fast", "capable"], hedging: { enabled: true, band: [0.3, 0.6], delayMs: 800 } });

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
