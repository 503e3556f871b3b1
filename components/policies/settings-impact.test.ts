import { describe, expect, it } from "vitest";
import { diffAudit } from "@/lib/audit/diff-audit";
import { changedGroups, settingsImpact } from "./settings-impact";

const traffic = { scope: "policy" as const, name: "support", days: 7, requests: 1234, escalations: 56, hedges: 1, explored: 0 };

describe("settingsImpact", () => {
  it("names the groups a diff touches", () => {
    const changes = diffAudit({ escalation: { enabled: true, maxSteps: 1 }, bias: 0.5 }, { escalation: { enabled: true, maxSteps: 2 }, bias: 0.6 });
    expect([...changedGroups(changes)].sort()).toEqual(["bias", "escalation"]);
  });

  it("counts the policy's traffic and the escalations an escalation change governs", () => {
    const lines = settingsImpact(diffAudit({ escalation: { maxSteps: 1 } }, { escalation: { maxSteps: 2 } }), traffic);
    expect(lines).toEqual(["Escalation: 56 escalations of its 1,234 requests in the last 7 days."]);
  });

  it("says a routing switch touches every request, and a verdict change none", () => {
    const lines = settingsImpact(diffAudit({ fallback: "quality-first", verdict: { maxWasteShare: 0.2 } }, { fallback: "cost-first", verdict: { maxWasteShare: 0.3 } }), traffic);
    expect(lines[0]).toBe("Routing decisions change for every request of policy support: 1,234 requests in the last 7 days.");
    expect(lines[1]).toMatch(/no request is routed differently/);
  });

  it("uses singular words for one", () => {
    const lines = settingsImpact(diffAudit({ hedging: { delayMs: 100 } }, { hedging: { delayMs: 200 } }), traffic);
    expect(lines).toEqual(["Hedging: 1 request hedged of its 1,234 requests in the last 7 days."]);
  });

  it("says nothing when nothing changed", () => {
    expect(settingsImpact([], traffic)).toEqual([]);
  });
});
