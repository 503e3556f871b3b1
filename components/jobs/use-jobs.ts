"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import type { RetrainPayload } from "@/lib/jobs/retrain/retrain-payload";
import { isActiveJob, type JobPage, type JobRow } from "./types";

export const JOBS_KEY = ["jobs"] as const;
/** While a job is queued or running its row is polled this often (the worker reports ~per phase). */
export const LIVE_POLL_MS = 1000;

export function useJobs(page: number) {
  return useQuery({
    queryKey: [...JOBS_KEY, "list", page],
    queryFn: () => apiFetch<JobPage>(`/api/admin/jobs?${new URLSearchParams({ type: "retrain-classifier", page: String(page), pageSize: "10" })}`),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some(isActiveJob) ? LIVE_POLL_MS : false),
  });
}

export function useJob(id: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [...JOBS_KEY, "one", id],
    queryFn: async () => {
      const { job } = await apiFetch<{ job: JobRow }>(`/api/admin/jobs/${id}`);
      // Finished since the last poll: the list (and the policy's classifiers) changed too.
      const previous = queryClient.getQueryData<JobRow>([...JOBS_KEY, "one", id]);
      if (previous && isActiveJob(previous) && !isActiveJob(job)) {
        void queryClient.invalidateQueries({ queryKey: [...JOBS_KEY, "list"] });
        void queryClient.invalidateQueries({ queryKey: ["classifiers"] });
      }
      return job;
    },
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && isActiveJob(query.state.data) ? LIVE_POLL_MS : false),
  });
}

/** The server re-validates with the same schema; its field issues come back on the ApiError. */
export function useStartJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (payload: RetrainPayload) => apiFetch<{ job: JobRow }>("/api/admin/jobs", { method: "POST", json: payload }),
    onSuccess: ({ job }) => {
      queryClient.setQueryData([...JOBS_KEY, "one", job.id], job);
      return queryClient.invalidateQueries({ queryKey: [...JOBS_KEY, "list"] });
    },
  });
}

export function useCancelJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ job: JobRow }>(`/api/admin/jobs/${id}/cancel`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: JOBS_KEY }),
  });
}
