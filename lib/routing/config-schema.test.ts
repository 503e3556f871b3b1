import { describe, expect, it } from "vitest";
import { configFileSchema, policySchema, tierSchema } from "./config-schema";
import { ISSUE_CONFIG } from "./testing/fixtures";
import { formatPath } from "./validate-config";

function issuesOf(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }): string[] {
  return (result.error?.issues ?? []).map((i) => `${formatPath(i.path)}: ${i.message}`);
}

describe("configFileSchema", () => {
  it("accepts the issue's example and fills every default", () => {
    const file = configFileSchema.parse(ISSUE_CONFIG);
    const [fast] = file.tiers;
    expect(fast).toMatchObject({ name: "fast", timeoutMs: 60_000, enabled: true, options: {} });
    const [policy] = file.policies;
    expect(policy.escalation).toEqual({ enabled: true, minConfidence: 0.5, maxSteps: 1, requestLogprobs: true, noLogprobsConfidence: 0.7 });
    expect(policy.hedging).toEqual({ enabled: false, band: [0.3, 0.7], delayMs: 1500 });
    expect(policy.speculative).toEqual({ enabled: false, threshold: 0.9 });
    expect(policy.fallbackOn.statuses).toContain(503);
    expect(policy.rules[0]).toMatchObject({ enabled: true, match: { keywords: ["opening hours"], caseSensitive: false } });
    expect(policy.storePrompts).toBe(true);
  });

  it("defaults a policy given only a name and tiers", () => {
    const policy = policySchema.parse({ name: "p", tiers: ["a"] });
    expect(policy).toMatchObject({ bias: 0.5, fallback: "quality-first", rules: [], expectedOutputTokens: 300 });
  });

  it("refuses unknown keys (typos) with their path", () => {
    const result = configFileSchema.safeParse({ tiers: [{ ...ISSUE_CONFIG.tiers![0], inputUsdPerMtok: 1 }] });
    expect(issuesOf(result).join("\n")).toMatch(/^tiers\[0\]: Unrecognized key: "inputUsdPerMtok"/m);
  });

  it.each([
    ["Fast", false],
    ["fast-1.v2_x", true],
    ["-fast", false],
    ["a".repeat(63), true],
    ["a".repeat(64), false],
  ])("tier name %s valid = %s", (name, ok) => {
    expect(tierSchema.safeParse({ name, provider: "simulated", model: "m" }).success).toBe(ok);
  });

  it("requires baseUrl for real providers, not for simulated ones", () => {
    expect(issuesOf(tierSchema.safeParse({ name: "a", provider: "openai", model: "m" }))).toEqual(['baseUrl: required for provider "openai"']);
    expect(tierSchema.safeParse({ name: "a", provider: "simulated", model: "m" }).success).toBe(true);
    expect(tierSchema.safeParse({ name: "a", provider: "azure", model: "m" }).success).toBe(false);
  });

  it("refuses negative prices and a bias outside 0..1", () => {
    expect(tierSchema.safeParse({ name: "a", provider: "simulated", model: "m", inputUsdPerMTok: -1 }).success).toBe(false);
    expect(policySchema.safeParse({ name: "p", tiers: ["a"], bias: 1.5 }).success).toBe(false);
  });

  it("refuses an empty rule match and catastrophic regexes, at the regex's path", () => {
    const result = configFileSchema.safeParse({
      policies: [{ name: "p", tiers: ["a"], rules: [{ name: "r0", match: {}, tier: "a" }, { name: "r1", match: { regex: "(a+)+$" }, tier: "a" }] }],
    });
    const issues = issuesOf(result);
    expect(issues[0]).toBe("policies[0].rules[0].match: set at least one of category, keywords, regex, faq");
    expect(issues[1]).toMatch(/^policies\[0\]\.rules\[1\]\.match\.regex: nested quantifier in "\(a\+\)\+"/);
  });

  it("refuses duplicates: tier names, policy tiers, rule names", () => {
    const issues = issuesOf(
      configFileSchema.safeParse({
        tiers: [ISSUE_CONFIG.tiers![0], ISSUE_CONFIG.tiers![0]],
        policies: [{ name: "p", tiers: ["fast", "fast"], rules: [{ name: "r", match: { category: "x" }, tier: "fast" }, { name: "r", match: { category: "y" }, tier: "fast" }] }],
      }),
    );
    expect(issues).toEqual([
      'policies[0].tiers[1]: tier "fast" listed twice',
      'policies[0].rules[1].name: duplicate rule name "r"',
      'tiers[1].name: duplicate name "fast"',
    ]);
  });

  it("refuses an inverted hedging band", () => {
    expect(issuesOf(policySchema.safeParse({ name: "p", tiers: ["a"], hedging: { band: [0.8, 0.2] } }))).toEqual(["hedging.band: band must be [lo, hi] with lo <= hi"]);
  });
});
