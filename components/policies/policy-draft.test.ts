import { describe, expect, it } from "vitest";
import { policySchema } from "@/lib/routing/config-schema";
import { describeChanges, draftFrom, patchFrom, standingIssues, validateDraft } from "./policy-draft";

const { rules: _rules, ...stored } = policySchema.parse({ name: "default", tiers: ["fast", "capable"] });

describe("policy draft", () => {
  it("patches only what changed", () => {
    const saved = draftFrom(stored);
    expect(patchFrom(saved, saved)).toEqual({});
    const draft = { ...saved, bias: 0.62, escalation: { ...saved.escalation, minConfidence: 0.7 } };
    expect(patchFrom(saved, draft)).toEqual({ bias: 0.62, escalation: { ...saved.escalation, minConfidence: 0.7 } });
  });

  it("validates with policySchema and reports field paths", () => {
    const saved = draftFrom(stored);
    expect(validateDraft(stored, { ...saved, bias: 0.3 })).toMatchObject({ ok: true, policy: { bias: 0.3, tiers: ["fast", "capable"] } });
    const bad = validateDraft(stored, { ...saved, bias: 1.2, hedging: { ...saved.hedging, band: [0.9, 0.1] }, escalation: { ...saved.escalation, maxSteps: Number.NaN } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.bias).toBe("Must be at most 1.");
    expect(bad.errors["hedging.band"]).toMatch(/lo <= hi/);
    expect(bad.errors["escalation.maxSteps"]).toBe("Enter a number.");
  });

  it("describes changes in plain words, for drafts and audit entries alike", () => {
    const saved = draftFrom(stored);
    expect(describeChanges(saved, { ...saved, bias: 0.62, hedging: { ...saved.hedging, enabled: true } })).toEqual([
      { field: "Bias", before: "0.50", after: "0.62" },
      { field: "Hedging", before: "off", after: "on" },
    ]);
    expect(describeChanges({ rules: [{ name: "a", tier: "fast" }] }, { rules: [{ name: "a", tier: "capable", enabled: false }, { name: "b" }] })).toEqual([
      { field: "Rules", before: "a → fast", after: "a → capable (off), b" },
    ]);
    expect(describeChanges(null, { bias: 1 })).toEqual([{ field: "Bias", before: "—", after: "1" }]);
  });

  it("carries the intent group: patched whole when it changed, described per field", () => {
    const saved = draftFrom(stored);
    const draft = { ...saved, intent: { ...saved.intent, enabled: true, outOfScope: "fallback-mode" as const } };
    expect(patchFrom(saved, draft)).toEqual({ intent: { enabled: true, map: {}, minConfidence: 0.5, outOfScope: "fallback-mode" } });
    expect(describeChanges(saved, draft)).toEqual([
      { field: "Intent stage", before: "off", after: "on" },
      { field: "Intent: out of scope", before: "classifier", after: "fallback-mode" },
    ]);
  });

  it("validates and describes exploration, shadow evaluation and the verdict", () => {
    const saved = draftFrom(stored);
    const draft = { ...saved, shadow: { ...saved.shadow, enabled: true, rate: 0.05, dailyUsdCap: 2, judgeTier: "fast" }, explore: { ...saved.explore, rate: 0.005 } };
    expect(validateDraft(stored, draft).ok).toBe(true);
    expect(describeChanges(saved, draft)).toEqual([
      { field: "Exploration: rate", before: "0.02", after: "0.005" },
      { field: "Shadow evaluation", before: "off", after: "on" },
      { field: "Shadow: rate", before: "0.01", after: "0.05" },
      { field: "Shadow: daily cap (USD)", before: "1", after: "2" },
      { field: "Shadow: judge tier", before: "most capable tier", after: "fast" },
    ]);
    const bad = validateDraft(stored, { ...draft, explore: { ...draft.explore, rate: 0.2 }, shadow: { ...draft.shadow, dailyUsdCap: -1, rubric: "" }, verdict: { ...saved.verdict, minSavingsPct: 101 } });
    expect(bad).toEqual({
      ok: false,
      errors: { "explore.rate": "Must be at most 0.1.", "shadow.dailyUsdCap": "Can't be negative.", "shadow.rubric": "Required.", "verdict.minSavingsPct": "Must be at most 100." },
    });
  });

  it("keeps the server's issues next to fields until the field is edited", () => {
    const saved = draftFrom(stored);
    const sent = { ...saved, shadow: { ...saved.shadow, rate: 0.05 }, hedging: { ...saved.hedging, band: [0.2, 0.6] as [number, number] } };
    const issues = [
      { path: "shadow.rate", message: "Must be at most 1." },
      { path: "hedging.band.1", message: "Too wide." },
      { path: "intent.map.billing", message: "no tier named x" },
    ];
    expect(standingIssues(issues, sent, sent)).toEqual({ "shadow.rate": "Must be at most 1.", "hedging.band.1": "Too wide.", "intent.map.billing": "no tier named x" });
    const edited = { ...sent, shadow: { ...sent.shadow, rate: 0.04 }, hedging: { ...sent.hedging, band: [0.3, 0.6] as [number, number] } };
    expect(standingIssues(issues, sent, edited)).toEqual({ "hedging.band.1": "Too wide.", "intent.map.billing": "no tier named x" });
  });
});
