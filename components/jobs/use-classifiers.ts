"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import type { PromotionImpact } from "@/lib/lab/promotion-impact";
import type { ClassifierVersion } from "./types";

const KEY = ["classifiers"] as const;

/** A policy's classifier versions, newest first (to know which one is active). */
export function useClassifierVersions(policy: string) {
  return useQuery({
    queryKey: [...KEY, "list", policy],
    queryFn: async () => (await apiFetch<{ items: ClassifierVersion[] }>(`/api/admin/classifiers?${new URLSearchParams({ policy })}`)).items,
  });
}

/** One version with its metrics beside those of the classifier active when it was trained. */
export function useClassifierVersion(id: string) {
  return useQuery({
    queryKey: [...KEY, "one", id],
    queryFn: async () => (await apiFetch<{ version: ClassifierVersion }>(`/api/admin/classifiers/${id}`)).version,
  });
}

/** What promoting the version would change (fetched when the promote dialog opens; scoring takes a moment). */
export function usePromotionImpact(id: string, isEnabled: boolean) {
  return useQuery({
    queryKey: [...KEY, "impact", id],
    queryFn: () => apiFetch<PromotionImpact>(`/api/admin/classifiers/${id}/impact`),
    enabled: isEnabled,
    staleTime: 30_000,
    retry: false,
  });
}

/** A promotion or rollback changes which version is active, and the policy's projection. */
function useInvalidateClassifiers() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: KEY }),
      queryClient.invalidateQueries({ queryKey: ["projection"] }),
      queryClient.invalidateQueries({ queryKey: ["policy-history"] }),
    ]);
}

export function usePromoteClassifier() {
  const invalidate = useInvalidateClassifiers();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ policy: string; active: string; previous: string | null }>(`/api/admin/classifiers/${id}/promote`, { method: "POST" }),
    onSuccess: invalidate,
  });
}

export function useRollbackClassifier() {
  const invalidate = useInvalidateClassifiers();
  return useMutation({
    mutationFn: (policy: string) =>
      apiFetch<{ policy: string; active: string | null; previous: string | null }>(`/api/admin/policies/${encodeURIComponent(policy)}/classifier/rollback`, { method: "POST" }),
    onSuccess: invalidate,
  });
}

/** A candidate set aside: it stops being offered for promotion. */
export function useDiscardClassifier() {
  const invalidate = useInvalidateClassifiers();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ id: string; status: "discarded" }>(`/api/admin/classifiers/${id}/discard`, { method: "POST" }),
    onSuccess: invalidate,
  });
}
