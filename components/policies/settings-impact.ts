/**
 * The review step's impact lines for a policy settings draft, from what is cheap to know: the
 * policy's logged requests of the last days (hourly rollups) and, for the switches that govern
 * them, how many were escalated, hedged or explored. A bias change also gets the slider's
 * projection (prepare-bias-projection.ts); these lines cover the rest.
 */
import type { AuditChange } from "@/lib/audit/diff-audit";
import type { TrafficImpact } from "@/lib/monitoring/traffic-impact";

type PolicyTraffic = Extract<TrafficImpact, { scope: "policy" }>;

const count = (n: number, what = "request") => `${n.toLocaleString("en-US")} ${what}${n === 1 ? "" : "s"}`;

/** The setting groups a diff touches ("escalation.maxSteps" → "escalation"). */
export function changedGroups(changes: readonly AuditChange[]): Set<string> {
  return new Set(changes.map((c) => c.path.split(/[.[]/)[0]!));
}

/** One sentence per touched group, most consequential first; [] when nothing changed. */
export function settingsImpact(changes: readonly AuditChange[], traffic: PolicyTraffic): string[] {
  const groups = changedGroups(changes);
  const all = count(traffic.requests);
  const window = `in the last ${traffic.days} days`;
  const lines: string[] = [];
  const routing = ["bias", "fallback", "speculative", "intent"].filter((g) => groups.has(g));
  if (routing.length) lines.push(`Routing decisions change for every request of policy ${traffic.name}: ${all} ${window}.`);
  if (groups.has("escalation")) lines.push(`Escalation: ${count(traffic.escalations, "escalation")} of its ${all} ${window}.`);
  if (groups.has("hedging")) lines.push(`Hedging: ${count(traffic.hedges, "request")} hedged of its ${all} ${window}.`);
  if (groups.has("explore")) lines.push(`Exploration: ${count(traffic.explored, "request")} explored of its ${all} ${window}.`);
  if (groups.has("shadow")) lines.push(`Shadow evaluation samples after the answer is sent: clients' answers do not change (${all} ${window} to sample from).`);
  if (groups.has("storePrompts")) lines.push(`Prompt storage applies to new requests (${all} ${window}); requests already logged keep what they stored.`);
  if (groups.has("verdict")) lines.push("Ledger verdict thresholds: no request is routed differently, only the ledger's verdict may change.");
  if (groups.has("expectedOutputTokens") || groups.has("referencePromptTokens")) lines.push(`Cost estimates change for every request of the policy (${all} ${window}).`);
  if (groups.has("description")) lines.push("The description changes no routing.");
  return lines;
}
