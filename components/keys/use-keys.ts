"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateApiKeyInput, UpdateApiKeyInput } from "@/lib/auth/api-key-schemas";
import type { listApiKeysWithSpend } from "@/lib/auth/manage-api-keys";
import type { ApiKeyRow } from "@/lib/db/api-key-repo";
import { apiFetch } from "@/lib/http/client-fetch";
import type { Jsonified } from "@/lib/http/jsonified";

/** GET /api/admin/keys: keys with their month-to-date spend, as JSON. */
type KeyPage = Jsonified<Awaited<ReturnType<typeof listApiKeysWithSpend>>> & { page: number; pageSize: number };

export type KeyRow = KeyPage["items"][number];

/** POST /api/admin/keys: the key itself (shown once) and its row, without spend yet. */
export type NewKey = { key: string; apiKey: Jsonified<ApiKeyRow> };

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
    mutationFn: (input: CreateApiKeyInput) => apiFetch<NewKey>("/api/admin/keys", { method: "POST", json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useUpdateKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateApiKeyInput }) => apiFetch<{ apiKey: Jsonified<ApiKeyRow> }>(`/api/admin/keys/${id}`, { method: "PATCH", json: patch }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
