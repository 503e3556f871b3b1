/**
 * What reverting an audit entry means, read from the entry alone (no database): which change
 * puts its `before` back, the permission the original change needed, or why it cannot be done.
 * The /audit list shows this per entry; revert-audit-entry.ts carries it out. A revert's own
 * entry ("tier.disable.revert") records before/after in the same shapes, so it plans the same way.
 */
import type { Permission } from "../auth/permissions";

export type AuditEntryShape = { action: string; targetType: string; targetId: string | null; before: unknown; after: unknown };

type Json = Record<string, unknown>;

export type RevertPlan =
  | { kind: "tier-create"; permission: Permission; name: string; tier: Json }
  | { kind: "tier-delete"; permission: Permission; name: string }
  | { kind: "tier-update"; permission: Permission; name: string; tier: Json }
  | { kind: "tier-order"; permission: Permission; order: string[] }
  | { kind: "policy-settings"; permission: Permission; policy: string; settings: Json }
  | { kind: "policy-rules"; permission: Permission; policy: string; rules: unknown[] }
  | { kind: "classifier"; permission: Permission; policyId: string; versionId: string | null };

export type RevertVerdict = { ok: true; plan: RevertPlan } | { ok: false; reason: string };

/** The base actions whose entries can be reverted (a revert's action adds ".revert"). */
const REVERTIBLE = new Set([
  "tier.create", "tier.update", "tier.enable", "tier.disable", "tier.delete", "tier.reorder",
  "policy.update", "policy.bias_change", "policy.rules_replace",
  "classifier.promote", "classifier.rollback", "classifier.restore",
]);

export function baseAction(action: string): string {
  return action.replace(/(\.revert)+$/, "");
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

const no = (reason: string): RevertVerdict => ({ ok: false, reason });

function secretsOf(tier: Json) {
  return JSON.stringify([tier.credential ?? null, tier.headers ?? {}, tier.deploymentKeys ?? {}]);
}

/** The tier's config as createTier/updateTier take it: the audit view minus rank and secret hints. */
function tierConfig(tier: Json): Json {
  const { rank: _rank, credential: _credential, headers: _headers, deploymentKeys: _keys, ...config } = tier;
  return config;
}

function planTier(entry: AuditEntryShape): RevertVerdict {
  const { before, after } = entry;
  const permission: Permission = "tiers:manage";
  if (entry.targetId === null) {
    if (!isObject(before) || !Array.isArray(before.order)) return no("This entry does not record the previous tier order.");
    return { ok: true, plan: { kind: "tier-order", permission, order: before.order as string[] } };
  }
  const name = entry.targetId;
  if (!isObject(before) && isObject(after)) return { ok: true, plan: { kind: "tier-delete", permission, name } };
  if (!isObject(before)) return no("This entry does not record the tier's previous state.");
  if (!isObject(after)) {
    const hinted = (v: unknown) => Object.keys(isObject(v) ? v : {}).length > 0;
    if (before.credential || hinted(before.headers) || hinted(before.deploymentKeys)) {
      return no(`Tier "${name}" had an API key or secret headers; they are write-only and were deleted with it. Create the tier again on /tiers.`);
    }
    return { ok: true, plan: { kind: "tier-create", permission, name, tier: tierConfig(before) } };
  }
  if (secretsOf(before) !== secretsOf(after)) {
    return no(`This change replaced tier "${name}"'s API key or secret headers; they are write-only, so the old ones cannot be put back. Edit the tier on /tiers.`);
  }
  return { ok: true, plan: { kind: "tier-update", permission, name, tier: tierConfig(before) } };
}

function planPolicy(entry: AuditEntryShape, base: string): RevertVerdict {
  const { before, targetId } = entry;
  if (!targetId || !isObject(before)) return no("This entry does not record the policy's previous state.");
  if (base.startsWith("classifier.")) {
    if (!("activeClassifierVersionId" in before)) return no("This entry does not record the previously active classifier.");
    const versionId = before.activeClassifierVersionId;
    return { ok: true, plan: { kind: "classifier", permission: "jobs:manage", policyId: targetId, versionId: typeof versionId === "string" ? versionId : null } };
  }
  if (base === "policy.rules_replace") {
    if (!Array.isArray(before.rules)) return no("This entry does not record the previous rules.");
    return { ok: true, plan: { kind: "policy-rules", permission: "rules:manage", policy: targetId, rules: before.rules } };
  }
  return { ok: true, plan: { kind: "policy-settings", permission: "policies:manage", policy: targetId, settings: before } };
}

export function planRevert(entry: AuditEntryShape): RevertVerdict {
  const base = baseAction(entry.action);
  if (!REVERTIBLE.has(base)) return no(`"${entry.action}" entries cannot be reverted from the audit log.`);
  if (base.startsWith("tier.")) return planTier(entry);
  return planPolicy(entry, base);
}
