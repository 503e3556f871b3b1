/**
 * A policy's ordered rules as the console edits them. The whole list is replaced at once (PUT):
 * validated with lib/routing's ruleSchema (a bad or catastrophic regex is refused with
 * checkRegex's message), every rule's tier must be one of the policy's tiers, names unique; then
 * one transaction swaps the rows, records before/after and tells the gateways to reload. Any
 * problem refuses the whole list and nothing changes.
 */
import { recordAudit, type Actor } from "../db/audit-repo";
import { notifyConfigChanged } from "../db/config-repo";
import type { Prisma } from "../db/generated/client";
import { findPolicyRow, replacePolicyRules, tierIdsByName } from "../db/policy-repo";
import { AppError } from "../http/app-error";
import type { RuleConfig } from "../routing/config-schema";
import { auditAction, inChangeTransaction, type ChangeOptions } from "./change-options";
import { rulesBodySchema } from "./config-schemas";
import { policyFromRow } from "./config-from-rows";
import { fieldIssues, friendlyErrors, type FieldIssue } from "./form-errors";

export type PolicyRules = { policy: string; tiers: string[]; rules: RuleConfig[] };

function refuse(issues: FieldIssue[]): never {
  throw new AppError("bad_request", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
}

/** Cross-checks the schema cannot see: the policy's tiers and unique names. */
export function ruleListProblems(rules: readonly RuleConfig[], policyTiers: readonly string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    if (seen.has(rule.name)) issues.push({ path: `rules.${i}.name`, message: `Another rule is already named "${rule.name}".` });
    seen.add(rule.name);
    if (!policyTiers.includes(rule.tier)) {
      issues.push({ path: `rules.${i}.tier`, message: `"${rule.tier}" is not one of this policy's tiers (${policyTiers.join(", ")}).` });
    }
  });
  return issues;
}

export async function getPolicyRules(name: string): Promise<PolicyRules> {
  const row = await findPolicyRow(name);
  if (!row) throw new AppError("not_found", `No policy named "${name}".`);
  const policy = policyFromRow(row);
  return { policy: policy.name, tiers: policy.tiers, rules: policy.rules };
}

/** The stored list, and the audit entry the change wrote (what the console's Undo reverts). */
export async function replaceRules(actor: Actor, name: string, body: unknown, opts: ChangeOptions = {}): Promise<PolicyRules & { auditId: string }> {
  const parsed = rulesBodySchema.safeParse(body, { error: friendlyErrors });
  if (!parsed.success) refuse(fieldIssues(parsed.error));
  const rules = parsed.data.rules;
  return inChangeTransaction(opts, async (tx) => {
    const row = await findPolicyRow(name, tx);
    if (!row) throw new AppError("not_found", `No policy named "${name}".`);
    const before = policyFromRow(row);
    const problems = ruleListProblems(rules, before.tiers);
    if (problems.length) refuse(problems);
    const tierIds = await tierIdsByName(before.tiers, tx);
    await replacePolicyRules(
      row.id,
      rules.map((r) => ({ name: r.name, match: r.match as Prisma.InputJsonValue, targetTierId: tierIds.get(r.tier)!, enabled: r.enabled })),
      tx,
    );
    const audit = auditAction(opts, "policy.rules_replace");
    const { id } = await recordAudit(actor, { ...audit, targetType: "policy", targetId: name, before: { rules: before.rules }, after: { rules } }, tx);
    await notifyConfigChanged(tx, audit.action);
    return { policy: name, tiers: before.tiers, rules, auditId: id.toString() };
  });
}

/** The policy's rules as policy.rules_replace records them (null: no such policy). */
export async function policyRulesState(name: string, client: Prisma.TransactionClient) {
  const row = await findPolicyRow(name, client);
  return row ? { rules: policyFromRow(row).rules } : null;
}
