import { describe, expect, it } from "vitest";
import { compileRules, keywordPattern } from "./compile-rules";
import { policySchema, type PolicyConfigInput } from "./config-schema";
import { matchRules } from "./match-rules";
import { readRequestText } from "./request-text";

type Rules = PolicyConfigInput["rules"];

function run(rules: Rules, content: string, opts: { category?: string; usable?: string[]; regexInputChars?: number } = {}) {
  const policy = policySchema.parse({ name: "p", tiers: ["fast", "capable"], rules, regexInputChars: opts.regexInputChars });
  const notes: string[] = [];
  const usable = opts.usable ?? ["fast", "capable"];
  const text = readRequestText([{ role: "system", content: "You are a support bot." }, { role: "user", content }]);
  const hit = matchRules(compileRules(policy), { category: opts.category, text }, (t) => usable.includes(t), notes);
  return { hit: hit?.rule.name ?? null, because: hit?.because, notes };
}

describe("matchRules", () => {
  it("matches a category case-insensitively", () => {
    expect(run([{ name: "d", match: { category: "Dispute" }, tier: "capable" }], "hi", { category: " DISPUTE " }).hit).toBe("d");
    expect(run([{ name: "d", match: { category: "dispute" }, tier: "capable" }], "dispute").hit).toBeNull();
  });

  it("matches keyword phrases whole-word, across whitespace and case", () => {
    const rules: Rules = [{ name: "hours", match: { keywords: ["opening hours", "refund"] }, tier: "fast" }];
    expect(run(rules, "What are your Opening\n  HOURS?")).toMatchObject({ hit: "hours", because: 'keyword "opening hours"' });
    expect(run(rules, "I was refunded twice").hit).toBeNull();
    expect(run(rules, "refund, please").hit).toBe("hours");
  });

  it("only looks at the latest user message", () => {
    const policy = policySchema.parse({ name: "p", tiers: ["fast"], rules: [{ name: "k", match: { keywords: ["refund"] }, tier: "fast" }] });
    const text = readRequestText([{ role: "user", content: "refund" }, { role: "assistant", content: "ok" }, { role: "user", content: "thanks" }]);
    expect(matchRules(compileRules(policy), { text }, () => true, [])).toBeNull();
  });

  it("matches regexes, case-insensitively unless told otherwise", () => {
    const rules: Rules = [{ name: "order", match: { regex: "order\\s*#?\\d{6}" }, tier: "fast" }];
    expect(run(rules, "Where is ORDER #123456?").hit).toBe("order");
    expect(run([{ name: "cs", match: { regex: "ORDER", caseSensitive: true }, tier: "fast" }], "order").hit).toBeNull();
  });

  it("matches known FAQ phrasings by token-set similarity", () => {
    const rules: Rules = [{ name: "faq", match: { faq: ["What are your opening hours?", "How do I reset my password?"] }, tier: "fast" }];
    expect(run(rules, "hi, what are the opening hours please")).toMatchObject({ hit: "faq", because: 'FAQ "What are your opening hours?" (similarity 1.00)' });
    expect(run(rules, "how to reset password").hit).toBe("faq");
    expect(run(rules, "Explain the history of opening hours legislation in Europe").hit).toBeNull();
  });

  it("requires every condition of a rule (AND)", () => {
    const rules: Rules = [{ name: "both", match: { category: "billing", keywords: ["invoice"] }, tier: "capable" }];
    expect(run(rules, "my invoice", { category: "billing" }).hit).toBe("both");
    expect(run(rules, "my invoice").hit).toBeNull();
    expect(run(rules, "my bill", { category: "billing" }).hit).toBeNull();
  });

  it("takes the first match in policy order and skips disabled rules", () => {
    const rules: Rules = [
      { name: "off", match: { keywords: ["refund"] }, tier: "fast", enabled: false },
      { name: "first", match: { regex: "refund" }, tier: "capable" },
      { name: "second", match: { keywords: ["refund"] }, tier: "fast" },
    ];
    expect(run(rules, "refund").hit).toBe("first");
  });

  it("skips a rule whose tier is not usable, with a note", () => {
    const rules: Rules = [
      { name: "big", match: { keywords: ["refund"] }, tier: "capable" },
      { name: "small", match: { keywords: ["refund"] }, tier: "fast" },
    ];
    const result = run(rules, "refund", { usable: ["fast"] });
    expect(result.hit).toBe("small");
    expect(result.notes).toEqual(['rule "big" matched but its tier "capable" is unknown, disabled or not in the policy']);
  });

  it("bounds the text regexes see to head + tail", () => {
    const rules: Rules = [{ name: "r", match: { regex: "needle" }, tier: "fast" }];
    const filler = "x ".repeat(2000);
    expect(run(rules, `${filler}needle${filler}`, { regexInputChars: 1024 }).hit).toBeNull();
    expect(run(rules, `${filler}needle`, { regexInputChars: 1024 }).hit).toBe("r");
    expect(run(rules, `needle${filler}`, { regexInputChars: 1024 }).hit).toBe("r");
  });

  it("bounds the text keyword rules see the same way", () => {
    const rules: Rules = [{ name: "k", match: { keywords: ["refund policy"] }, tier: "fast" }];
    const filler = "x ".repeat(2000);
    expect(run(rules, `${filler}refund policy ${filler}`, { regexInputChars: 1024 }).hit).toBeNull();
    expect(run(rules, `${filler}refund policy`, { regexInputChars: 1024 }).hit).toBe("k");
    expect(run(rules, `refund policy ${filler}`, { regexInputChars: 1024 }).hit).toBe("k");
  });

  it("marks a regex re2js cannot compile and skips it with a note", () => {
    const policy = policySchema.parse({ name: "p", tiers: ["fast"] });
    const broken = { ...policy, rules: [{ name: "bad", match: { regex: "(", caseSensitive: false, faqMinSimilarity: 0.7 }, tier: "fast", enabled: true }] };
    const warnings: string[] = [];
    const compiled = compileRules(broken, warnings);
    const notes: string[] = [];
    expect(matchRules(compiled, { text: readRequestText([{ role: "user", content: "(" }]) }, () => true, notes)).toBeNull();
    expect(warnings[0]).toMatch(/^policy "p" rule "bad": invalid regex/);
    expect(notes[0]).toMatch(/^rule "bad" skipped: invalid regex/);
  });
});

describe("keywordPattern", () => {
  it.each([
    ["the c++ compiler", "c++", true],
    ["abc++", "c++", false],
    ["#order 5", "#order", true],
    ["Café au lait", "café", true],
    ["cafés", "café", false],
    ["a (b) c", "(b)", true],
    ["x-ray vision", "x-ray", true],
    ["", "x", false],
  ])("%s contains %s: %s", (haystack, phrase, expected) => {
    expect(keywordPattern([phrase]).test(haystack)).toBe(expected);
  });

  it("stays fast on a long adversarial input (literals only, no backtracking blow-up)", () => {
    const pattern = keywordPattern(["a a a a a b", "a a a a a c"]);
    expect(pattern.test(`${"a ".repeat(50_000)}`)).toBe(false);
  });
});
