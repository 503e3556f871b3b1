import { describe, expect, it } from "vitest";
import { configFileSchema } from "../routing/config-schema";
import { changesOf, forbiddenChanges } from "./config-permissions";

const file = (input: unknown) => configFileSchema.parse(input);
const base = {
  tiers: [{ name: "fast", provider: "simulated", model: "s" }, { name: "big", provider: "simulated", model: "b" }],
  policies: [{ name: "p", tiers: ["fast", "big"], description: undefined, rules: [{ name: "r", match: { keywords: ["x"] }, tier: "fast" }] }],
  defaultPolicy: "p",
};
const opsCan = (p: string) => p !== "policies:manage";

describe("config permissions", () => {
  it("finds no change in the stored config itself (a missing key equals one holding undefined)", () => {
    const stored = file(base);
    expect(changesOf(stored, file({ ...base, policies: [{ name: "p", tiers: ["fast", "big"], rules: base.policies[0]!.rules }] }), false)).toEqual([]);
  });

  it("maps each change to the permission the console asks for it", () => {
    const stored = file(base);
    const next = file({
      tiers: [{ ...base.tiers[0], model: "s2" }, base.tiers[1]],
      policies: [{ ...base.policies[0], bias: 0.8, regexInputChars: 4096, rules: [] }, { name: "q", tiers: ["fast"] }],
      defaultPolicy: "q",
    });
    expect(changesOf(stored, next, false).map((c) => [c.path, c.permission])).toEqual([
      ["tiers.fast", "tiers:manage"],
      ["policies.p.bias", "policies:manage"],
      ["policies.p.regexInputChars", "rules:manage"],
      ["policies.p.rules", "rules:manage"],
      ["policies.q", "policies:manage"],
      ["defaultPolicy", "policies:manage"],
    ]);
    expect(forbiddenChanges(stored, next, false, opsCan).map((c) => c.path)).toEqual(["policies.p.bias", "policies.q", "defaultPolicy"]);
  });

  it("counts deletions only with prune, and a key in the file as a tier change", () => {
    const stored = file(base);
    const tiersOnly = file({ tiers: [{ ...base.tiers[0], apiKey: "sk-x" }, base.tiers[1]] });
    expect(changesOf(stored, tiersOnly, false).map((c) => c.message)).toEqual(["changes a tier"]);
    expect(changesOf(stored, tiersOnly, true).map((c) => c.message)).toEqual(["changes a tier", "deletes a policy"]);
  });
});
