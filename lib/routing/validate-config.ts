/**
 * Whole-file validation for `frontdesk config apply` and the admin API: the zod schema first,
 * then cross-references. Every problem is listed with its path (`policies[0].rules[1].tier`),
 * so an invalid file is refused whole with everything the user must fix.
 */
import type { z } from "zod";
import { configFileSchema, type ConfigFile } from "./config-schema";

export type ConfigProblem = { path: string; message: string };

export type ConfigParseResult =
  | { ok: true; config: ConfigFile }
  | { ok: false; problems: ConfigProblem[] };

/** `["policies", 0, "rules", 1, "tier"]` → `policies[0].rules[1].tier`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}

export function problemsFromZod(error: z.ZodError): ConfigProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

export function formatProblem(problem: ConfigProblem): string {
  return `${problem.path}: ${problem.message}`;
}

/**
 * Cross-field checks the schema cannot see. `existingTierNames` are tiers already stored (or
 * otherwise known) that the file may refer to without defining; likewise `existingPolicyNames`
 * for `defaultPolicy`.
 */
export function validateConfigReferences(
  file: ConfigFile,
  existingTierNames: Iterable<string> = [],
  existingPolicyNames: Iterable<string> = [],
  existingEmbeddingTiers: Iterable<string> = [],
): ConfigProblem[] {
  const tiers = new Set([...file.tiers.map((t) => t.name), ...existingTierNames]);
  // a tier defined in the file has the file's kind; one only stored, its stored kind
  const embeddings = new Set([...existingEmbeddingTiers].filter((name) => !file.tiers.some((t) => t.name === name)));
  for (const t of file.tiers) if (t.kind === "embeddings") embeddings.add(t.name);
  const problems: ConfigProblem[] = [];
  file.policies.forEach((policy, p) => {
    policy.tiers.forEach((tier, i) => {
      if (!tiers.has(tier)) problems.push({ path: `policies[${p}].tiers[${i}]`, message: `unknown tier "${tier}"` });
      else if (embeddings.has(tier)) problems.push({ path: `policies[${p}].tiers[${i}]`, message: `tier "${tier}" is an embeddings tier: policies route chat requests only` });
    });
    policy.rules.forEach((rule, r) => {
      const path = `policies[${p}].rules[${r}].tier`;
      if (!tiers.has(rule.tier)) problems.push({ path, message: `unknown tier "${rule.tier}"` });
      else if (!policy.tiers.includes(rule.tier)) {
        problems.push({ path, message: `tier "${rule.tier}" is not one of this policy's tiers (${policy.tiers.join(", ")})` });
      }
    });
    problems.push(...intentMapProblems(policy, tiers, `policies[${p}].`));
    problems.push(...shadowProblems(policy, tiers, `policies[${p}].`));
  });
  if (file.defaultPolicy !== undefined) {
    const policies = new Set([...file.policies.map((p) => p.name), ...existingPolicyNames]);
    if (!policies.has(file.defaultPolicy)) {
      problems.push({ path: "defaultPolicy", message: `unknown policy "${file.defaultPolicy}"` });
    }
  }
  return problems;
}

/** Shadow evaluation's target is "next" or one of the policy's tiers; its judge, a configured tier. */
export function shadowProblems(policy: Pick<ConfigFile["policies"][number], "tiers" | "shadow">, knownTiers: ReadonlySet<string>, prefix = ""): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const { target, judgeTier } = policy.shadow;
  if (target !== "next" && !policy.tiers.includes(target)) {
    problems.push({ path: `${prefix}shadow.target`, message: `"${target}" is not one of this policy's tiers (${policy.tiers.join(", ")}) nor "next"` });
  }
  if (judgeTier !== null && !knownTiers.has(judgeTier)) problems.push({ path: `${prefix}shadow.judgeTier`, message: `unknown tier "${judgeTier}"` });
  return problems;
}

/** Each intent.map entry must name one of the policy's tiers (`prefix` + `intent.map.<key>`). */
export function intentMapProblems(policy: ConfigFile["policies"][number], knownTiers: ReadonlySet<string>, prefix = ""): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [key, tier] of Object.entries(policy.intent.map)) {
    const path = `${prefix}intent.map.${key}`;
    if (!knownTiers.has(tier)) problems.push({ path, message: `unknown tier "${tier}"` });
    else if (!policy.tiers.includes(tier)) {
      problems.push({ path, message: `tier "${tier}" is not one of this policy's tiers (${policy.tiers.join(", ")})` });
    }
  }
  return problems;
}

/** Schema + references in one call; `input` is the parsed JSON of the file. */
export function parseConfigFile(
  input: unknown,
  existingTierNames: Iterable<string> = [],
  existingPolicyNames: Iterable<string> = [],
  existingEmbeddingTiers: Iterable<string> = [],
): ConfigParseResult {
  const parsed = configFileSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error) };
  const problems = validateConfigReferences(parsed.data, existingTierNames, existingPolicyNames, existingEmbeddingTiers);
  return problems.length ? { ok: false, problems } : { ok: true, config: parsed.data };
}
