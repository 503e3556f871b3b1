"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import type { AuditLogPage } from "@/lib/audit/list-audit-log";

export type AuditFilters = { targetType: string; actor: string; action: string; from: string; to: string };

export const NO_FILTERS: AuditFilters = { targetType: "", actor: "", action: "", from: "", to: "" };

const KEY = ["audit-log"] as const;

/** The filters as the API's query (dates from the page's local date inputs, whole days). */
function query(filters: AuditFilters, before: string | null) {
  const params = new URLSearchParams({ limit: "50" });
  if (filters.targetType) params.set("targetType", filters.targetType);
  if (filters.actor.trim()) params.set("actor", filters.actor.trim());
  if (filters.action.trim()) params.set("action", filters.action.trim());
  if (filters.from) params.set("from", new Date(`${filters.from}T00:00:00`).toISOString());
  if (filters.to) params.set("to", new Date(new Date(`${filters.to}T00:00:00`).getTime() + 86_400_000).toISOString());
  if (before) params.set("before", before);
  return params;
}

/** The global audit log, newest first, 50 entries a page ("Load more" follows nextBefore). */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: [...KEY, filters],
    queryFn: ({ pageParam }) => apiFetch<AuditLogPage>(`/api/admin/audit?${query(filters, pageParam)}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
    placeholderData: keepPreviousData,
  });
}

export type RevertResult = { id: string; action: string; revertOf: string };

/** Puts an entry's before state back; every page showing config reloads its data. */
export function useRevertAuditEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, force }: { id: string; force?: boolean }) => apiFetch<RevertResult>(`/api/admin/audit/${id}/revert`, { method: "POST", json: force ? { force } : {} }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
