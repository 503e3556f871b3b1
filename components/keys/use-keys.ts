"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateApiKeyInput, UpdateApiKeyInput } from "@/lib/auth/api-key-schemas";
import { apiFetch } from "@/lib/http/client-fetch";

export type KeyRow = {
  id: string;
  name: string;
  prefix: string;
  monthlyBudgetUsd: number | null;
  overBudget: "reject" | "downgrade";
  rateLimitPerMinute: number | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
  policy: { id: string; name: string } | null;
  monthToDateUsd: number;
};

type KeyPage = { items: KeyRow[]; total: number; page: number; pageSize: number; monthStart: string };

const KEY = ["api-keys"] as const;

export function useKeys(params: { page: number; showRevoked: boolean }) {
  return useQuery({
    queryKey: [...KEY, params],
    queryFn: () => apiFetch<KeyPage>(`/api/admin/keys?${new URLSearchParams({ page: String(params.page), revoked: params.showRevoked ? "1" : "0" })}`),
    placeholderData: keepPreviousData,
  });
}

/** The answer carries the key itself: the only time it exists outside the caller's hands. */
export function useCreateKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiKeyInput) => apiFetch<{ key: string; apiKey: KeyRow }>("/api/admin/keys", { method: "POST", json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useUpdateKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateApiKeyInput }) => apiFetch<{ apiKey: KeyRow }>(`/api/admin/keys/${id}`, { method: "PATCH", json: patch }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
