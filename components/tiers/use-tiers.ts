"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TierPatch } from "@/lib/config/config-schemas";
import type { ConnectionTestResult, TierView } from "@/lib/config/tier-view";
import type { TierConfigInput } from "@/lib/routing/config-schema";
import { apiFetch } from "@/lib/http/client-fetch";
import type { DeploymentState } from "@/lib/providers/deployment-pool";

const KEY = ["tiers"] as const;

/** Tiers changing also changes what the rules and policies pages show. */
function invalidateConfig(queryClient: ReturnType<typeof useQueryClient>) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: KEY }),
    queryClient.invalidateQueries({ queryKey: ["policy-options"] }),
    queryClient.invalidateQueries({ queryKey: ["policy"] }),
    queryClient.invalidateQueries({ queryKey: ["projection"] }),
  ]);
}

export function useTiers() {
  return useQuery({ queryKey: KEY, queryFn: async () => (await apiFetch<{ tiers: TierView[] }>("/api/admin/tiers")).tiers });
}

export function useCreateTier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TierConfigInput) => apiFetch<{ tier: TierView; auditId: string }>("/api/admin/tiers", { method: "POST", json: input }),
    onSuccess: () => invalidateConfig(queryClient),
  });
}

export function useUpdateTier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, patch }: { name: string; patch: TierPatch }) =>
      apiFetch<{ tier: TierView; auditId: string }>(`/api/admin/tiers/${encodeURIComponent(name)}`, { method: "PATCH", json: patch }),
    onSuccess: () => invalidateConfig(queryClient),
  });
}

export function useDeleteTier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiFetch<{ ok: true; auditId: string }>(`/api/admin/tiers/${encodeURIComponent(name)}`, { method: "DELETE" }),
    onSuccess: () => invalidateConfig(queryClient),
  });
}

/** Optimistic: the row moves at once; on failure the list goes back and the error shows. */
export function useReorderTiers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (order: string[]) => apiFetch<{ tiers: TierView[]; auditId: string }>("/api/admin/tiers/reorder", { method: "POST", json: { order } }),
    onMutate: async (order) => {
      await queryClient.cancelQueries({ queryKey: KEY });
      const previous = queryClient.getQueryData<TierView[]>(KEY);
      if (previous) {
        const byName = new Map(previous.map((t) => [t.name, t]));
        queryClient.setQueryData<TierView[]>(KEY, order.flatMap((name, rank) => (byName.has(name) ? [{ ...byName.get(name)!, rank }] : [])));
      }
      return { previous };
    },
    onError: (_error, _order, context) => {
      if (context?.previous) queryClient.setQueryData(KEY, context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useTestTier() {
  return useMutation({
    mutationFn: async (name: string) =>
      (await apiFetch<{ result: ConnectionTestResult }>(`/api/admin/tiers/${encodeURIComponent(name)}/test`, { method: "POST" })).result,
  });
}

export type DeploymentStates = { instance: string; loaded: boolean; checkedAt: number; deployments: DeploymentState[] };

/** The deployments' live state in the gateway of the process serving the console (polled). */
export function useDeploymentStates(enabled: boolean) {
  return useQuery({ queryKey: ["deployment-states"], queryFn: () => apiFetch<DeploymentStates>("/api/admin/deployment-states"), enabled, refetchInterval: 5_000 });
}
