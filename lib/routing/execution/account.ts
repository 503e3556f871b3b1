/**
 * What an execution's attempts mean for the ledger: answers paid for and thrown away. An unsure
 * answer that was escalated past is escalation waste; a hedge's aborted leg is hedge waste. (An
 * unsure answer that was kept in the end is not waste; failed calls are neither: they are in
 * the request's cost as what the upstreams billed.)
 */
import type { AttemptRecord } from "./attempt-record";

export type Waste = { escalationWasteUsd: number; hedgeWasteUsd: number };

export function wasteOf(attempts: readonly AttemptRecord[], answeredBy: string | null): Waste {
  let escalationWasteUsd = 0;
  let hedgeWasteUsd = 0;
  for (const a of attempts) {
    if (a.outcome === "hedge-lost") hedgeWasteUsd += a.costUsd;
    else if (a.outcome === "low-confidence" && a.tier !== answeredBy) escalationWasteUsd += a.costUsd;
  }
  return { escalationWasteUsd, hedgeWasteUsd };
}
