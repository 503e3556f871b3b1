import { describe, expect, it } from "vitest";
import { canonicalJson, diffAudit } from "./diff-audit";
import { planRevert } from "./revert-plan";

describe("diffAudit", () => {
  it("lists only the changed fields, nested by dotted path", () => {
    expect(diffAudit({ bias: 0.5, escalation: { minConfidence: 0.6, maxSteps: 1 } }, { bias: 0.5, escalation: { maxSteps: 1, minConfidence: 0.7 } })).toEqual([
      { path: "escalation.minConfidence", before: 0.6, after: 0.7 },
    ]);
  });

  it("compares named lists by name, and their order", () => {
    const a = { name: "a", enabled: true };
    const b = { name: "b", enabled: true };
    expect(diffAudit({ rules: [a, b] }, { rules: [a, { ...b, enabled: false }] })).toEqual([{ path: "rules[b].enabled", before: true, after: false }]);
    expect(diffAudit({ rules: [a, b] }, { rules: [b, a] })).toEqual([{ path: "rules (order)", before: ["a", "b"], after: ["b", "a"] }]);
    expect(diffAudit({ order: ["x", "y"] }, { order: ["y", "x"] })).toEqual([{ path: "order", before: ["x", "y"], after: ["y", "x"] }]);
  });

  it("shows a created or deleted thing field by field", () => {
    expect(diffAudit(null, { name: "t", enabled: true })).toEqual([
      { path: "enabled", before: null, after: true },
      { path: "name", before: null, after: "t" },
    ]);
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe(canonicalJson({ a: { c: 2, d: 1 }, b: 1 }));
  });
});

describe("planRevert", () => {
  const entry = (action: string, before: unknown, after: unknown, targetId: string | null = "t") => ({ action, targetType: action.startsWith("tier") ? "tier" : "policy", targetId, before, after });

  it("plans the inverse change with the original change's permission", () => {
    expect(planRevert(entry("tier.disable", { name: "t", enabled: true, rank: 1, credential: null, headers: {} }, { name: "t", enabled: false, rank: 1, credential: null, headers: {} }))).toEqual({
      ok: true,
      plan: { kind: "tier-update", permission: "tiers:manage", name: "t", tier: { name: "t", enabled: true } },
    });
    expect(planRevert(entry("tier.create", undefined, { name: "t" }))).toMatchObject({ ok: true, plan: { kind: "tier-delete" } });
    expect(planRevert(entry("tier.reorder", { order: ["a", "b"] }, { order: ["b", "a"] }, null))).toMatchObject({ ok: true, plan: { kind: "tier-order", order: ["a", "b"] } });
    expect(planRevert(entry("policy.rules_replace", { rules: [] }, { rules: [{}] }, "p"))).toMatchObject({ ok: true, plan: { kind: "policy-rules", permission: "rules:manage" } });
    expect(planRevert(entry("policy.bias_change.revert", { bias: 0.5 }, { bias: 0.9 }, "p"))).toMatchObject({ ok: true, plan: { kind: "policy-settings", permission: "policies:manage" } });
    expect(planRevert(entry("classifier.promote", { activeClassifierVersionId: null }, { activeClassifierVersionId: "v" }, "pid"))).toMatchObject({ ok: true, plan: { kind: "classifier", versionId: null, permission: "jobs:manage" } });
  });

  it("refuses what cannot be put back, saying why", () => {
    expect(planRevert(entry("config.apply", {}, {}))).toMatchObject({ ok: false, reason: expect.stringContaining("cannot be reverted") });
    expect(planRevert(entry("tier.test_connection", undefined, { ok: true }))).toMatchObject({ ok: false });
    expect(planRevert(entry("tier.delete", { name: "t", credential: "…1234", headers: {} }, undefined))).toMatchObject({ ok: false, reason: expect.stringContaining("write-only") });
    expect(planRevert(entry("tier.update", { name: "t", credential: "…1234" }, { name: "t", credential: "…5678" }))).toMatchObject({ ok: false });
  });
});
