"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import type { ImpactTarget, TrafficImpact } from "@/lib/monitoring/traffic-impact";

/** Logged requests of the last 7 days a live change would touch (null target: nothing asked). */
export function useTrafficImpact(target: ImpactTarget | null) {
  return useQuery({
    queryKey: ["traffic-impact", target],
    enabled: target !== null,
    queryFn: () => apiFetch<TrafficImpact>(`/api/admin/audit/impact?${new URLSearchParams(target as Record<string, string>)}`),
  });
}

/** "12 requests in the last 7 days went to capable." */
export function impactSentence(impact: TrafficImpact | undefined, isPending: boolean): string {
  if (isPending || !impact) return "Counting the last 7 days of traffic…";
  const n = `${impact.requests.toLocaleString("en-US")} request${impact.requests === 1 ? "" : "s"}`;
  if (impact.scope === "tier") return `${n} in the last ${impact.days} days went to ${impact.name}.`;
  if (impact.scope === "policy") return `${n} of policy ${impact.name} in the last ${impact.days} days.`;
  return `${n} of policy ${impact.name} in the last ${impact.days} days were routed by a rule.`;
}
