/**
 * The impact line of a live-routing confirm dialog: how many logged requests of the last `days`
 * went to a tier, were routed by a policy's rules (the rollups keep no rule name, so a rule
 * switch shows its policy's rule-routed traffic), or were served by a policy at all (a settings
 * change: every request goes through the settings; the escalated, hedged and explored ones are
 * counted too, for the switches that govern them). Hourly buckets: the window starts at the hour.
 */
import { countRolledUpRequests, sumPolicyTraffic } from "../db/impact-repo";

export type TrafficImpact =
  | { requests: number; days: number; scope: "tier" | "policy-rules"; name: string }
  | { requests: number; days: number; scope: "policy"; name: string; escalations: number; hedges: number; explored: number };

export type ImpactTarget = { tier: string } | { policy: string; of?: "rules" | "all" };

export async function trafficImpact(target: ImpactTarget, days: number, now = new Date()): Promise<TrafficImpact> {
  const since = new Date(now.getTime() - days * 86_400_000);
  if ("tier" in target) return { requests: await countRolledUpRequests({ since, tier: target.tier }), days, scope: "tier", name: target.tier };
  if (target.of === "all") return { ...(await sumPolicyTraffic({ since, policy: target.policy })), days, scope: "policy", name: target.policy };
  return { requests: await countRolledUpRequests({ since, policy: target.policy, stage: "rule" }), days, scope: "policy-rules", name: target.policy };
}
