/**
 * A policy's settings as the product owner edits them (bias, fallback mode, escalation,
 * hedging, speculative routing, the intent stage, exploration, shadow evaluation, the ledger verdict,
 * prompt storage) and its change history. A patch is merged into
 * the stored policy (nested groups key by key) and the result validated with policySchema; the
 * change lands in one transaction with before/after in the audit log and a gateway reload.
 */
import { listAudit, recordAudit, type Actor } from "../db/audit-repo";
import { notifyConfigChanged } from "../db/config-repo";
import type { Prisma } from "../db/generated/client";
import { findPolicyRow, updatePolicySettings, type PolicyDetailRow } from "../db/policy-repo";
import { listTierRows } from "../db/tier-repo";
import { AppError } from "../http/app-error";
import { policySchema, type PolicyConfig } from "../routing/config-schema";
import { formatProblem, intentMapProblems, shadowProblems } from "../routing/validate-config";
import { auditAction, inChangeTransaction, type ChangeOptions } from "./change-options";
import { policyFromRow, tierFromRow } from "./config-from-rows";
import type { PolicyPatch } from "./config-schemas";
import { fieldIssues, friendlyErrors } from "./form-errors";
import type { PolicyDetail, PolicyHistoryEntry, PolicySettings } from "./policy-view";

const FALLBACK_TO_DB = { "quality-first": "quality_first", "cost-first": "cost_first" } as const;

/** The fields this page owns (what the audit entry compares). */
export function settingsOf(policy: PolicyConfig): PolicySettings {
  return {
    description: policy.description ?? "",
    bias: policy.bias,
    fallback: policy.fallback,
    escalation: policy.escalation,
    hedging: policy.hedging,
    speculative: policy.speculative,
    intent: policy.intent,
    explore: policy.explore,
    shadow: policy.shadow,
    verdict: policy.verdict,
    storePrompts: policy.storePrompts,
    expectedOutputTokens: policy.expectedOutputTokens,
    referencePromptTokens: policy.referencePromptTokens,
  };
}

async function requirePolicy(name: string, client?: Prisma.TransactionClient): Promise<PolicyDetailRow> {
  const row = await findPolicyRow(name, client);
  if (!row) throw new AppError("not_found", `No policy named "${name}".`);
  return row;
}

export async function getPolicyDetail(name: string): Promise<PolicyDetail> {
  const [row, tierRows] = await Promise.all([requirePolicy(name), listTierRows()]);
  const { rules, ...policy } = policyFromRow(row);
  const tiers = policy.tiers.flatMap((t) => {
    const tierRow = tierRows.find((r) => r.name === t);
    if (!tierRow) return [];
    const { apiKey: _secret, ...config } = tierFromRow(tierRow);
    return [config];
  });
  return {
    policy,
    ruleCount: rules.length,
    isDefault: row.isDefault,
    tiers,
    catalog: tierRows.map((r) => ({ name: r.name, enabled: r.enabled })),
    classifier: row.activeClassifier ? { kind: "trained", id: row.activeClassifier.id, name: row.activeClassifier.name } : { kind: "heuristic", id: "builtin", name: "built-in content scorer" },
  };
}

function merge(current: PolicyConfig, patch: PolicyPatch): unknown {
  const { escalation, hedging, speculative, intent, explore, shadow, verdict, ...flat } = patch;
  return {
    ...current,
    ...flat,
    escalation: { ...current.escalation, ...escalation },
    hedging: { ...current.hedging, ...hedging },
    speculative: { ...current.speculative, ...speculative },
    // key by key like the other groups: a patched `map` replaces the stored map whole
    intent: { ...current.intent, ...intent },
    explore: { ...current.explore, ...explore },
    shadow: { ...current.shadow, ...shadow },
    verdict: { ...current.verdict, ...verdict },
  };
}

/** The policy as it is now, and the audit entry the change wrote (what the console's Undo reverts); null inside a caller's transaction. */
export async function updatePolicy(actor: Actor, name: string, patch: PolicyPatch, opts: ChangeOptions = {}): Promise<(PolicyDetail & { auditId: string }) | null> {
  const auditId = await inChangeTransaction(opts, async (tx) => {
    const row = await requirePolicy(name, tx);
    const current = policyFromRow(row);
    const parsed = policySchema.safeParse(merge(current, patch), { error: friendlyErrors });
    if (!parsed.success) {
      const issues = fieldIssues(parsed.error);
      throw new AppError("bad_request", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
    }
    const next = parsed.data;
    const known = new Set((await tx.tier.findMany({ select: { name: true } })).map((t) => t.name));
    const mapProblems = [...intentMapProblems(next, new Set(next.tiers)), ...shadowProblems(next, known)];
    if (mapProblems.length > 0) throw new AppError("bad_request", mapProblems.map(formatProblem).join("; "), { issues: mapProblems });
    const after = settingsOf(next);
    await updatePolicySettings(
      row.id,
      {
        ...after,
        fallback: FALLBACK_TO_DB[after.fallback],
        escalation: after.escalation as Prisma.InputJsonValue,
        hedging: after.hedging as Prisma.InputJsonValue,
        speculative: after.speculative as Prisma.InputJsonValue,
        intent: after.intent as Prisma.InputJsonValue,
        explore: after.explore as Prisma.InputJsonValue,
        shadow: after.shadow as Prisma.InputJsonValue,
        verdict: after.verdict as Prisma.InputJsonValue,
      },
      tx,
    );
    const audit = auditAction(opts, Object.keys(patch).length === 1 && patch.bias !== undefined ? "policy.bias_change" : "policy.update");
    const { id } = await recordAudit(actor, { ...audit, targetType: "policy", targetId: name, before: settingsOf(current), after }, tx);
    await notifyConfigChanged(tx, audit.action);
    return id.toString();
  });
  return opts.tx ? null : { ...(await getPolicyDetail(name)), auditId };
}

/** The policy's audit entries, newest first (settings changes and rule replacements). */
export async function policyHistory(name: string, take = 50): Promise<PolicyHistoryEntry[]> {
  await requirePolicy(name);
  const rows = await listAudit({ targetType: "policy", targetId: name, take });
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.createdAt.toISOString(),
    actor: r.actorEmail,
    action: r.action,
    before: r.before ?? null,
    after: r.after ?? null,
  }));
}

/** The policy's settings as its audit entries record them (null: no such policy). */
export async function policySettingsState(name: string, client: Prisma.TransactionClient) {
  const row = await findPolicyRow(name, client);
  return row ? settingsOf(policyFromRow(row)) : null;
}
