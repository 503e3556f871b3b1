/**
 * The impact line of a live-routing confirm dialog: how many logged requests of the last `days`
 * went to a tier, or were routed by a policy's rules (the rollups keep no rule name, so a rule
 * switch shows its policy's rule-routed traffic). Hourly buckets: the window starts at the hour.
 */
import { countRolledUpRequests } from "../db/impact-repo";

export type TrafficImpact = { requests: number; days: number; scope: "tier" | "policy-rules"; name: string };

export async function trafficImpact(target: { tier: string } | { policy: string }, days: number, now = new Date()): Promise<TrafficImpact> {
  const since = new Date(now.getTime() - days * 86_400_000);
  if ("tier" in target) return { requests: await countRolledUpRequests({ since, tier: target.tier }), days, scope: "tier", name: target.tier };
  return { requests: await countRolledUpRequests({ since, policy: target.policy, stage: "rule" }), days, scope: "policy-rules", name: target.policy };
}
