import { describe, expect, it } from "vitest";
import { compileRules } from "./compile-rules";
import { policySchema, type PolicyConfigInput } from "./config-schema";
import { explainRules } from "./explain-rules";
import { matchRules } from "./match-rules";
import { readRequestText } from "./request-text";

type Rules = PolicyConfigInput["rules"];

function explain(rules: Rules, content: string, opts: { category?: string; usable?: string[] } = {}) {
  const compiled = compileRules(policySchema.parse({ name: "p", tiers: ["fast", "capable"], rules }));
  const text = readRequestText([{ role: "user", content }]);
  const usable = (t: string) => (opts.usable ?? ["fast", "capable"]).includes(t);
  return { explained: explainRules(compiled, { category: opts.category, text }, usable), hit: matchRules(compiled, { category: opts.category, text }, usable, [])?.rule.name ?? null };
}

describe("explainRules", () => {
  it("says which keyword is missing and which one was found", () => {
    const { explained } = explain([{ name: "refunds", match: { keywords: ["refund"] }, tier: "capable" }], "Where is my parcel?");
    expect(explained).toEqual([{ rule: "refunds", tier: "capable", outcome: "missed", summary: "keyword 'refund' not in the prompt", conditions: [{ kind: "keywords", isMet: false, detail: "keyword 'refund' not in the prompt" }] }]);
    expect(explain([{ name: "refunds", match: { keywords: ["money back", "refund"] }, tier: "capable" }], "A REFUND please").explained[0]).toMatchObject({ outcome: "matched", summary: "keyword 'refund' found" });
  });

  it("reports every failed condition of a rule, not just the first", () => {
    const { explained } = explain([{ name: "r", match: { category: "billing", keywords: ["refund", "chargeback"], regex: "order\\s*\\d{4}" }, tier: "fast" }], "hello");
    expect(explained[0]!.outcome).toBe("missed");
    expect(explained[0]!.conditions.map((c) => [c.kind, c.isMet])).toEqual([["category", false], ["keywords", false], ["regex", false]]);
    expect(explained[0]!.summary).toBe("no category given (needs 'billing'); none of the keywords 'refund', 'chargeback' not in the prompt; regex /order\\s*\\d{4}/i does not match");
    const other = explain([{ name: "r", match: { category: "billing", keywords: ["refund"] }, tier: "fast" }], "refund", { category: "Sales" }).explained[0]!;
    expect(other.conditions).toEqual([{ kind: "category", isMet: false, detail: "category 'sales' is not 'billing'" }, { kind: "keywords", isMet: true, detail: "keyword 'refund' found" }]);
  });

  it("marks disabled, shadowed and unusable-tier rules, and agrees with matchRules on the winner", () => {
    const rules: Rules = [
      { name: "off", match: { keywords: ["refund"] }, tier: "fast", enabled: false },
      { name: "gone", match: { keywords: ["refund"] }, tier: "capable" },
      { name: "first", match: { regex: "refund" }, tier: "fast" },
      { name: "second", match: { keywords: ["refund"] }, tier: "fast" },
    ];
    const { explained, hit } = explain(rules, "I want a refund", { usable: ["fast"] });
    expect(explained.map((e) => [e.rule, e.outcome])).toEqual([["off", "disabled"], ["gone", "tier-unusable"], ["first", "matched"], ["second", "shadowed"]]);
    expect(hit).toBe("first");
    expect(explained.find((e) => e.outcome === "matched")!.rule).toBe(hit);
  });

  it("explains FAQ misses with the closest phrasing, and long prompts", () => {
    const rules: Rules = [{ name: "hours", match: { faq: ["What are your opening hours?"], faqMinSimilarity: 0.9 }, tier: "fast" }];
    expect(explain(rules, "when are you open on sundays").explained[0]!.summary).toMatch(/^no FAQ phrasing reaches similarity 0.9 \(closest: 'What are your opening hours\?', 0\.\d\d\)$/);
    expect(explain(rules, "x ".repeat(400)).explained[0]!.summary).toBe("prompt is 800 characters, longer than the 600 a FAQ question may be");
    expect(explain([{ name: "hours", match: { faq: ["opening hours"] }, tier: "fast" }], "opening hours?").explained[0]).toMatchObject({ outcome: "matched", summary: "similar to FAQ 'opening hours' (1.00 ≥ 0.7)" });
  });
});
