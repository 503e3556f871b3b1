import { describe, expect, it } from "vitest";
import { draftSummary, emptyRuleForm, formFromRule, matchSummary, moveItem, parseRuleForm } from "./rule-form";

const ctx = { policyTiers: ["fast", "capable"], otherNames: ["existing"] };

describe("rule form", () => {
  it("builds a rule from keywords (one per line) and a category", () => {
    const parsed = parseRuleForm({ ...emptyRuleForm("capable"), name: "disputes", keywords: "dispute\n chargeback \n\n", category: "billing" }, ctx);
    expect(parsed).toEqual({
      ok: true,
      rule: { name: "disputes", tier: "capable", enabled: true, match: { category: "billing", keywords: ["dispute", "chargeback"], caseSensitive: false, faqMinSimilarity: 0.7 } },
    });
  });

  it("shows checkRegex's message for a catastrophic regex and does not produce a rule", () => {
    const parsed = parseRuleForm({ ...emptyRuleForm("fast"), name: "r", regex: "(a+)+$" }, ctx);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.errors["match.regex"]).toMatch(/nested quantifier/);
    const syntax = parseRuleForm({ ...emptyRuleForm("fast"), name: "r", regex: "([a-z" }, ctx);
    expect(syntax.ok ? "" : syntax.errors["match.regex"]).toMatch(/missing|unclosed|\]|\)/i);
  });

  it("needs at least one condition, a tier of the policy and a unique name", () => {
    const parsed = parseRuleForm({ ...emptyRuleForm("elsewhere"), name: "existing" }, ctx);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.match).toMatch(/at least one of/);
    expect(parsed.errors.tier).toMatch(/fast, capable/);
    expect(parsed.errors.name).toMatch(/Another rule/);
  });

  it("round-trips a stored rule and summarizes it", () => {
    const rule = { name: "hours", tier: "fast", enabled: false, match: { keywords: ["opening hours", "open"], regex: "\\bhours?\\b", caseSensitive: false, faqMinSimilarity: 0.7 } };
    const parsed = parseRuleForm(formFromRule(rule), { policyTiers: ["fast"], otherNames: [] });
    expect(parsed).toEqual({ ok: true, rule });
    expect(matchSummary(rule)).toBe("keywords: opening hours, open and regex /\\bhours?\\b/i");
  });

  it("moves an item within bounds", () => {
    expect(moveItem(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveItem(["a", "b", "c"], 2, 1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 2, 9)).toEqual(["a", "b", "c"]);
  });

  it("summarizes a draft rule by rule", () => {
    const rule = (name: string, keywords = ["a"]) => ({ name, tier: "fast", enabled: true, match: { keywords, caseSensitive: false, faqMinSimilarity: 0.7 } });
    const saved = [rule("a"), rule("b"), rule("c")];
    expect(draftSummary(saved, saved.map((r) => ({ ...r, match: { ...r.match } })))).toBe("");
    expect(draftSummary(saved, [rule("c"), rule("a", ["x"]), rule("d")])).toBe("1 added, 1 changed, 1 deleted, order changed");
    expect(draftSummary(saved, [rule("a"), rule("c")])).toBe("1 deleted");
    expect(draftSummary([], [rule("a")])).toBe("1 added");
  });
});
