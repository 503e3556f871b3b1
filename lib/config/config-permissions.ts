/**
 * Which permissions a config file's changes need, so that `config apply` (POST /api/admin/config
 * and the CLI) refuses what the console refuses: tiers need tiers:manage, a policy's rules (and the
 * regex input bound they use) rules:manage, every other policy setting (bias, fallback, escalation,
 * its tier list, …), creating or deleting a policy and the default policy need policies:manage, as
 * on the console's policy page (lib/auth/permissions.ts). Only what the file changes counts: an
 * ops user may apply an export that leaves the owners' settings as they are.
 * lib/auth shares a layer with lib/config, so the caller passes `can` (the role's table) in.
 */
import { isDeepStrictEqual } from "node:util";
import type { ConfigFile, PolicyConfig, TierConfig } from "../routing/config-schema";

export type ConfigPermission = "tiers:manage" | "rules:manage" | "policies:manage";

export type NeededChange = { permission: ConfigPermission; path: string; message: string };

/** Equal as config (JSON): a key holding undefined is the same as a missing one. */
function same(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a ?? null)), JSON.parse(JSON.stringify(b ?? null)));
}

const RULE_FIELDS = new Set<keyof PolicyConfig>(["rules", "regexInputChars"]);

function tierChanges(stored: TierConfig[], file: ConfigFile, prune: boolean): NeededChange[] {
  const out: NeededChange[] = [];
  file.tiers.forEach((tier, rank) => {
    const index = stored.findIndex((t) => t.name === tier.name);
    const path = `tiers.${tier.name}`;
    if (index < 0) out.push({ permission: "tiers:manage", path, message: "creates a tier" });
    else if (tier.apiKey || index !== rank || !same(tier, stored[index])) out.push({ permission: "tiers:manage", path, message: "changes a tier" });
  });
  if (prune) {
    for (const t of stored) if (!file.tiers.some((f) => f.name === t.name)) out.push({ permission: "tiers:manage", path: `tiers.${t.name}`, message: "deletes a tier" });
  }
  return out;
}

function policyChanges(stored: PolicyConfig[], file: ConfigFile, prune: boolean): NeededChange[] {
  const out: NeededChange[] = [];
  for (const policy of file.policies) {
    const current = stored.find((p) => p.name === policy.name);
    const path = `policies.${policy.name}`;
    if (!current) {
      out.push({ permission: "policies:manage", path, message: "creates a policy" });
      if (policy.rules.length) out.push({ permission: "rules:manage", path: `${path}.rules`, message: "sets rules" });
      continue;
    }
    const keys = new Set([...Object.keys(policy), ...Object.keys(current)] as Array<keyof PolicyConfig>);
    for (const key of keys) {
      if (same(policy[key], current[key])) continue;
      const permission = RULE_FIELDS.has(key) ? "rules:manage" : "policies:manage";
      out.push({ permission, path: `${path}.${key}`, message: `changes ${key}` });
    }
  }
  if (prune) {
    for (const p of stored) if (!file.policies.some((f) => f.name === p.name)) out.push({ permission: "policies:manage", path: `policies.${p.name}`, message: "deletes a policy" });
  }
  return out;
}

/** Every change the file makes to `stored`, with the permission it needs. */
export function changesOf(stored: ConfigFile, file: ConfigFile, prune: boolean): NeededChange[] {
  const out = [...tierChanges(stored.tiers, file, prune), ...policyChanges(stored.policies, file, prune)];
  if (file.defaultPolicy && file.defaultPolicy !== stored.defaultPolicy) {
    out.push({ permission: "policies:manage", path: "defaultPolicy", message: `makes ${file.defaultPolicy} the default policy` });
  }
  return out;
}

/** The changes `can` does not allow (empty: the file may be applied). */
export function forbiddenChanges(stored: ConfigFile, file: ConfigFile, prune: boolean, can: (permission: ConfigPermission) => boolean): NeededChange[] {
  return changesOf(stored, file, prune).filter((c) => !can(c.permission));
}
