import { describe, expect, it } from "vitest";
import { configFileSchema } from "./config-schema";
import { ISSUE_CONFIG } from "./testing/fixtures";
import { formatPath, formatProblem, parseConfigFile, validateConfigReferences } from "./validate-config";

const withRules = (rules: unknown[], tiers = ["fast", "capable"]) => ({ ...ISSUE_CONFIG, policies: [{ name: "default", tiers, rules }] });

describe("validateConfigReferences", () => {
  it("finds nothing wrong with the issue's example", () => {
    expect(validateConfigReferences(configFileSchema.parse(ISSUE_CONFIG))).toEqual([]);
  });

  it("reports every unknown tier with its path", () => {
    const file = configFileSchema.parse(withRules([{ name: "a", match: { category: "a" }, tier: "fast" }, { name: "b", match: { category: "b" }, tier: "x" }], ["fast", "ghost"]));
    expect(validateConfigReferences(file).map(formatProblem)).toEqual([
      'policies[0].tiers[1]: unknown tier "ghost"',
      'policies[0].rules[1].tier: unknown tier "x"',
    ]);
  });

  it("refuses an embeddings tier in a policy, from the file or only stored", () => {
    const file = configFileSchema.parse({
      tiers: [{ name: "chat", provider: "simulated", model: "m" }, { name: "vec", kind: "embeddings", provider: "simulated", model: "e" }],
      policies: [{ name: "p", tiers: ["chat", "vec"] }, { name: "q", tiers: ["chat", "stored-vec"] }],
    });
    expect(validateConfigReferences(file, ["stored-vec"], [], ["stored-vec"]).map(formatProblem)).toEqual([
      'policies[0].tiers[1]: tier "vec" is an embeddings tier: policies route chat requests only',
      'policies[1].tiers[1]: tier "stored-vec" is an embeddings tier: policies route chat requests only',
    ]);
    // the file's kind wins over the stored one: a stored embeddings tier made a chat tier again may join
    const again = configFileSchema.parse({ tiers: [{ name: "stored-vec", provider: "simulated", model: "m" }], policies: [{ name: "p", tiers: ["stored-vec"] }] });
    expect(validateConfigReferences(again, [], [], ["stored-vec"])).toEqual([]);
    expect(configFileSchema.safeParse({ tiers: [{ name: "c", kind: "embeddings", provider: "anthropic", baseUrl: "http://x", model: "m" }] }).success).toBe(false);
  });

  it("accepts tiers that exist elsewhere (already stored)", () => {
    const file = configFileSchema.parse({ policies: [{ name: "p", tiers: ["stored"] }] });
    expect(validateConfigReferences(file)).toHaveLength(1);
    expect(validateConfigReferences(file, ["stored"])).toEqual([]);
  });

  it("refuses a rule whose tier exists but is not in its policy", () => {
    const file = configFileSchema.parse(withRules([{ name: "a", match: { category: "a" }, tier: "capable" }], ["fast"]));
    expect(validateConfigReferences(file)).toEqual([{ path: "policies[0].rules[0].tier", message: 'tier "capable" is not one of this policy\'s tiers (fast)' }]);
  });

  it("checks that intent.map names tiers of the policy", () => {
    const file = configFileSchema.parse({
      ...ISSUE_CONFIG,
      policies: [{ name: "default", tiers: ["fast"], intent: { enabled: true, map: { card_arrival: "x", "domain:travel": "capable", balance: "fast" } } }],
    });
    expect(validateConfigReferences(file).map(formatProblem)).toEqual([
      'policies[0].intent.map.card_arrival: unknown tier "x"',
      "policies[0].intent.map.domain:travel: tier \"capable\" is not one of this policy's tiers (fast)",
    ]);
  });

  it("checks that shadow evaluation's target is a tier of the policy and its judge a configured tier", () => {
    const file = configFileSchema.parse({
      ...ISSUE_CONFIG,
      policies: [
        { name: "default", tiers: ["fast"], shadow: { enabled: true, target: "capable", judgeTier: "nope" } },
        { name: "ok", tiers: ["fast", "capable"], shadow: { enabled: true, target: "capable", judgeTier: "capable" } },
      ],
    });
    expect(validateConfigReferences(file).map(formatProblem)).toEqual([
      'policies[0].shadow.target: "capable" is not one of this policy\'s tiers (fast) nor "next"',
      'policies[0].shadow.judgeTier: unknown tier "nope"',
    ]);
  });

  it("gives the intent group its defaults and refuses bad values", () => {
    const policy = configFileSchema.parse(ISSUE_CONFIG).policies[0]!;
    expect(policy.intent).toEqual({ enabled: false, map: {}, minConfidence: 0.5, outOfScope: "classifier" });
    const bad = parseConfigFile({ ...ISSUE_CONFIG, policies: [{ name: "p", tiers: ["fast"], intent: { outOfScope: "guess", minConfidence: 2 } }] });
    expect(bad.ok ? [] : bad.problems.map((p) => p.path).sort()).toEqual(["policies[0].intent.minConfidence", "policies[0].intent.outOfScope"]);
  });

  it("checks defaultPolicy against the file and the existing policies", () => {
    const file = configFileSchema.parse({ ...ISSUE_CONFIG, defaultPolicy: "other" });
    expect(validateConfigReferences(file).map(formatProblem)).toEqual(['defaultPolicy: unknown policy "other"']);
    expect(validateConfigReferences(file, [], ["other"])).toEqual([]);
  });
});

describe("parseConfigFile", () => {
  it("returns the parsed config when valid", () => {
    const result = parseConfigFile(ISSUE_CONFIG);
    expect(result.ok && result.config.policies[0].bias).toBe(0.5);
  });

  it("lists schema problems by path before looking at references", () => {
    const result = parseConfigFile({ tiers: [{ name: "BAD", provider: "openai", model: "" }] });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["tiers[0].name", "tiers[0].model", "tiers[0].baseUrl"]));
  });
});

describe("formatPath", () => {
  it("joins keys and indexes like JavaScript", () => {
    expect(formatPath(["policies", 0, "rules", 1, "tier"])).toBe("policies[0].rules[1].tier");
    expect(formatPath([])).toBe("(root)");
  });
});
