/**
 * Budgets: an API key's monthly USD cap. The gateway passes the key's state in; once spent
 * reaches the cap the request is rejected (429) or downgraded to the cheapest available tier,
 * per the key's setting. A downgraded request never escalates or hedges (both cost more).
 */
import type { BudgetState } from "./types";

export type BudgetVerdict =
  | { action: "ok" }
  | { action: "reject" | "downgrade"; reason: string };

export function checkBudget(budget: BudgetState | undefined): BudgetVerdict {
  if (!budget || budget.capUsd === null || budget.spentUsd < budget.capUsd) return { action: "ok" };
  const spent = `$${budget.spentUsd.toFixed(2)} of $${budget.capUsd.toFixed(2)}`;
  return budget.overBudget === "reject"
    ? { action: "reject", reason: `Monthly budget spent (${spent}): request refused.` }
    : { action: "downgrade", reason: `Monthly budget spent (${spent}): downgraded to the cheapest tier` };
}

/** The remaining budget in USD (Infinity without a cap, never negative). */
export function remainingBudgetUsd(budget: BudgetState | undefined): number {
  if (!budget || budget.capUsd === null) return Infinity;
  return Math.max(0, budget.capUsd - budget.spentUsd);
}

/** The budget month of `now`: it starts at 00:00 UTC on the 1st (caps and console totals both count so). */
export function monthStart(now: number): Date {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}
