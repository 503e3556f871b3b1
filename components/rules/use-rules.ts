"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TestRouteInput } from "@/lib/config/config-schemas";
import type { PolicyRules } from "@/lib/config/manage-rules";
import type { RuleImpact } from "@/lib/config/rule-impact";
import type { TestRouteResult } from "@/lib/config/test-route";
import type { RuleConfig } from "@/lib/routing/config-schema";
import { apiFetch } from "@/lib/http/client-fetch";

const rulesKey = (policy: string) => ["rules", policy] as const;
const benchKey = (policy: string) => ["test-route", policy] as const;
const url = (policy: string, tail: string) => `/api/admin/policies/${encodeURIComponent(policy)}/${tail}`;

export function useRules(policy: string | null) {
  return useQuery({
    queryKey: rulesKey(policy ?? ""),
    queryFn: () => apiFetch<PolicyRules>(url(policy!, "rules")),
    enabled: !!policy,
  });
}

/**
 * Every edit (add, change, reorder, enable, delete) replaces the whole list in one PUT. The list
 * moves at once (optimistic) and the test bench re-runs against the saved config afterwards.
 */
export function useSaveRules(policy: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rules: RuleConfig[]) => apiFetch<PolicyRules & { auditId: string }>(url(policy, "rules"), { method: "PUT", json: { rules } }),
    onMutate: async (rules) => {
      await queryClient.cancelQueries({ queryKey: rulesKey(policy) });
      const previous = queryClient.getQueryData<PolicyRules>(rulesKey(policy));
      if (previous) queryClient.setQueryData<PolicyRules>(rulesKey(policy), { ...previous, rules });
      return { previous };
    },
    onError: (_e, _rules, context) => {
      if (context?.previous) queryClient.setQueryData(rulesKey(policy), context.previous);
    },
    onSuccess: (saved) => queryClient.setQueryData(rulesKey(policy), saved),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: rulesKey(policy) }),
        queryClient.invalidateQueries({ queryKey: benchKey(policy) }),
        queryClient.invalidateQueries({ queryKey: ["policy", policy] }),
        queryClient.invalidateQueries({ queryKey: ["projection", policy] }),
        queryClient.invalidateQueries({ queryKey: ["policy-history", policy] }),
      ]),
  });
}

/** The bench's decision for `input` (null: nothing asked yet); refetched when the rules change. */
export function useTestRoute(policy: string, input: TestRouteInput | null) {
  return useQuery({
    queryKey: [...benchKey(policy), input],
    queryFn: () => apiFetch<TestRouteResult>(url(policy, "test-route"), { method: "POST", json: input }),
    enabled: !!input,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** What a draft of the rules would change on the last 7 days of logged traffic (null: no draft). */
export function useRuleImpact(policy: string, draft: RuleConfig[] | null) {
  return useQuery({
    queryKey: ["rule-impact", policy, draft],
    queryFn: () => apiFetch<RuleImpact>(url(policy, "rules/impact"), { method: "POST", json: { rules: draft } }),
    enabled: draft !== null,
    staleTime: 60_000,
  });
}
