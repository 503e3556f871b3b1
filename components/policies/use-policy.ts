"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PolicyPatch } from "@/lib/config/config-schemas";
import type { PolicyDetail, PolicyHistoryEntry, ProjectionSample } from "@/lib/config/policy-view";
import { apiFetch } from "@/lib/http/client-fetch";

const url = (policy: string, tail = "") => `/api/admin/policies/${encodeURIComponent(policy)}${tail}`;

export function usePolicy(policy: string) {
  return useQuery({ queryKey: ["policy", policy], queryFn: () => apiFetch<PolicyDetail>(url(policy)) });
}

/** The labeled sample, scored by the policy's current classifier (changes with rules or a promotion, not the bias). */
export function useProjectionSample(policy: string) {
  return useQuery({ queryKey: ["projection", policy], queryFn: () => apiFetch<ProjectionSample>(url(policy, "/projection")), staleTime: 5 * 60_000 });
}

export function usePolicyHistory(policy: string) {
  return useQuery({ queryKey: ["policy-history", policy], queryFn: async () => (await apiFetch<{ entries: PolicyHistoryEntry[] }>(url(policy, "/history"))).entries });
}

export function useUpdatePolicy(policy: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: PolicyPatch) => apiFetch<PolicyDetail & { auditId: string }>(url(policy), { method: "PATCH", json: patch }),
    onSuccess: ({ auditId: _auditId, ...detail }) => {
      queryClient.setQueryData(["policy", policy], detail);
      return queryClient.invalidateQueries({ queryKey: ["policy-history", policy] });
    },
  });
}
