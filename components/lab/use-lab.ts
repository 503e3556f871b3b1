"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import type { LabRun, LabRunPage } from "./types";

const KEY = ["lab-runs"];
const POLL_MS = 1000;
const active = (r: LabRun) => r.status === "queued" || r.status === "running";

export function useLabRuns(page: number) {
  return useQuery({
    queryKey: [...KEY, "list", page],
    queryFn: () => apiFetch<LabRunPage>(`/api/admin/lab/runs?${new URLSearchParams({ page: String(page), pageSize: "10" })}`),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some(active) ? POLL_MS : false),
  });
}

export function useLabRun(id: string | null) {
  return useQuery({
    queryKey: [...KEY, "one", id],
    enabled: id !== null,
    queryFn: async () => (await apiFetch<{ job: LabRun }>(`/api/admin/lab/runs/${id}`)).job,
    refetchInterval: (query) => (query.state.data && active(query.state.data) ? POLL_MS : false),
  });
}

export function useStartLabRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (payload: unknown) => apiFetch<{ job: LabRun }>("/api/admin/lab/runs", { method: "POST", json: payload }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useCancelLabRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ job: LabRun }>(`/api/admin/lab/runs/${id}/cancel`, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
