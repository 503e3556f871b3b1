"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import type { Overview } from "@/lib/monitoring/shape-overview";

export function useOverview(range: { from: Date; to: Date }) {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  return useQuery({
    queryKey: ["overview", from, to],
    queryFn: () => apiFetch<Overview>(`/api/admin/overview?${new URLSearchParams({ from, to })}`),
    placeholderData: keepPreviousData,
  });
}

export function useDemoData() {
  return useQuery({ queryKey: ["demo-data"], queryFn: () => apiFetch<{ requests: number }>("/api/admin/demo-data") });
}

/** Removing demo data changes every chart: everything monitoring-related is refetched. */
export function useRemoveDemoData() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ removed: { requests: number; rollups: number } }>("/api/admin/demo-data", { method: "DELETE" }),
    onSuccess: () => Promise.all(["demo-data", "overview", "drift", "alerts", "requests"].map((k) => queryClient.invalidateQueries({ queryKey: [k] }))),
  });
}
