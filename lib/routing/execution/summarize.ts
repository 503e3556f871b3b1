/**
 * What the response headers and the request log say about an execution: the stage that in the
 * end decided (escalation, hedge, fallback, or the decision's own) and the decision's reason
 * followed by what happened after it.
 */
import type { Decision } from "../types";
import type { AttemptRecord } from "./attempt-record";

type Flags = { escalated: boolean; hedged: boolean; fellBack: boolean; tier: string };

export function effectiveStage(decision: Pick<Decision, "stage" | "hedge">, e: Flags): string {
  if (e.escalated) return "escalation";
  if (e.hedged && decision.hedge && e.tier === decision.hedge.tier) return "hedge";
  if (e.fellBack) return "fallback";
  return decision.stage;
}

/** `notes`: what the attempts alone do not tell (a budget stop, an unsure answer kept). */
export function effectiveReason(decision: Pick<Decision, "reason">, e: Flags & { attempts: readonly AttemptRecord[] }, notes: readonly string[] = []): string {
  const said: string[] = [];
  for (const a of e.attempts) {
    if (a.outcome === "low-confidence") said.push(`${a.tier} answered with low confidence (${(a.confidence ?? 0).toFixed(2)})`);
    else if (a.outcome === "error") said.push(`${a.tier} failed (${a.error})`);
    else if (a.outcome === "skipped") said.push(`${a.tier} skipped (${a.error})`);
    else if (a.outcome === "hedge-lost") said.push(`${a.tier} lost the hedge`);
  }
  said.push(...notes);
  return said.length ? `${decision.reason} Then: ${said.join("; ")}; answered by ${e.tier}.` : decision.reason;
}
