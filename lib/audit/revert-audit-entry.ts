/**
 * POST /api/admin/audit/:id/revert: puts an entry's `before` back through the same lib/config
 * (and lib/jobs) functions the console uses — same validation, same reload notice — inside one
 * config transaction that also checks the target still looks like the entry's `after` (else 409
 * unless `force`) and records the revert as "<action>.revert" pointing at the entry.
 */
import { can, type Role } from "../auth/permissions";
import { findAuditEntry, findRevertEntry, type Actor } from "../db/audit-repo";
import { inConfigTransaction } from "../db/config-repo";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../http/app-error";
import { policyPatchSchema, tierPatchSchema } from "../config/config-schemas";
import { policySettingsState, updatePolicy } from "../config/manage-policies";
import { policyRulesState, replaceRules } from "../config/manage-rules";
import { createTier, deleteTier, reorderTiers, tierAuditState, tierOrder, updateTier } from "../config/manage-tiers";
import { activeClassifierState, restoreActiveClassifier } from "../jobs/promote-classifier";
import { canonicalJson } from "./diff-audit";
import { planRevert, type RevertPlan } from "./revert-plan";

type Tx = Prisma.TransactionClient;
type Opts = { tx: Tx; action: string; revertOfId: bigint };

/** The target as it is now, in the shape the entry's `after` has (rank aside: a reorder is no edit). */
async function currentState(plan: RevertPlan, tx: Tx): Promise<unknown> {
  switch (plan.kind) {
    case "tier-create":
    case "tier-delete":
    case "tier-update": {
      const state = await tierAuditState(plan.name, tx);
      if (!state) return null;
      const { rank: _rank, ...rest } = state;
      return rest;
    }
    case "tier-order":
      return { order: await tierOrder(tx) };
    case "policy-settings":
      return policySettingsState(plan.policy, tx);
    case "policy-rules":
      return policyRulesState(plan.policy, tx);
    case "classifier": {
      const state = await activeClassifierState(plan.policyId, tx);
      return state ?? null;
    }
  }
}

function expectedState(plan: RevertPlan, after: unknown): unknown {
  if (after === null || after === undefined) return null;
  if (plan.kind === "classifier") return { activeClassifierVersionId: (after as { activeClassifierVersionId?: string | null }).activeClassifierVersionId ?? null };
  if (plan.kind.startsWith("tier-") && plan.kind !== "tier-order") {
    const { rank: _rank, ...rest } = after as Record<string, unknown>;
    return rest;
  }
  return after;
}

function describe(plan: RevertPlan): string {
  switch (plan.kind) {
    case "tier-create":
    case "tier-delete":
    case "tier-update":
      return `tier "${plan.name}"`;
    case "tier-order":
      return "the tier order";
    case "policy-settings":
      return `policy "${plan.policy}"'s settings`;
    case "policy-rules":
      return `policy "${plan.policy}"'s rules`;
    case "classifier":
      return "the policy's active classifier";
  }
}

async function apply(actor: Actor, plan: RevertPlan, opts: Opts) {
  switch (plan.kind) {
    case "tier-create":
      return createTier(actor, plan.tier, opts);
    case "tier-delete":
      return deleteTier(actor, plan.name, opts);
    case "tier-update": {
      const { name: _name, ...patch } = plan.tier;
      return updateTier(actor, plan.name, tierPatchSchema.parse({ ...patch, baseUrl: patch.baseUrl ?? null }), opts);
    }
    case "tier-order":
      return reorderTiers(actor, plan.order, opts);
    case "policy-settings":
      return updatePolicy(actor, plan.policy, policyPatchSchema.parse(plan.settings), opts);
    case "policy-rules":
      return replaceRules(actor, plan.policy, { rules: plan.rules }, opts);
    case "classifier":
      return restoreActiveClassifier(actor, plan.policyId, plan.versionId, opts);
  }
}

export async function revertAuditEntry(actor: Actor & { role: Role }, id: bigint, opts: { force?: boolean } = {}) {
  return inConfigTransaction(async (tx) => {
    const entry = await findAuditEntry(id, tx);
    if (!entry) throw new AppError("not_found", `No audit entry ${id}.`);
    const verdict = planRevert(entry);
    if (!verdict.ok) throw new AppError("conflict", `Entry ${id} cannot be reverted: ${verdict.reason}`);
    const { plan } = verdict;
    if (!can(actor.role, plan.permission)) throw new AppError("forbidden", `Reverting this change needs the ${plan.permission} permission, which your role does not have.`);
    if (!opts.force) {
      const now = await currentState(plan, tx);
      if (canonicalJson(now) !== canonicalJson(expectedState(plan, entry.after))) {
        throw new AppError("conflict", `${describe(plan)} changed again after entry ${id}; reverting would undo those later changes too. Revert the later entries first, or force the revert.`);
      }
    }
    const action = `${entry.action}.revert`;
    await apply({ id: actor.id, email: actor.email }, plan, { tx, action, revertOfId: entry.id });
    const written = await findRevertEntry(entry.id, tx);
    return { id: written!.id.toString(), action, revertOf: entry.id.toString() };
  });
}
