"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { LabelingProgress } from "@/lib/labeling/labeling-progress";
import type { QueueFilters } from "@/lib/labeling/labeling-schemas";
import { apiFetch } from "@/lib/http/client-fetch";

export type QueueQuery = { [K in keyof QueueFilters]?: string };

const KEY = ["labeling", "progress"] as const;

export function progressKey(filters: QueueQuery, since: string) {
  return [...KEY, filters, since] as const;
}

/** Labeled today by me / left in the queue, refreshed every 30 s and after every change. */
export function useLabelingProgress(filters: QueueQuery, since: string) {
  return useQuery({
    queryKey: progressKey(filters, since),
    queryFn: () => apiFetch<LabelingProgress>(`/api/admin/labeling/progress?${new URLSearchParams({ ...clean(filters), since })}`),
    refetchInterval: 30_000,
  });
}

/** Optimistic progress: a label moves its items from "left" to "done today" (undo: back). */
export function useProgressNudge() {
  const queryClient = useQueryClient();
  return {
    nudge(delta: number) {
      void queryClient.cancelQueries({ queryKey: KEY });
      queryClient.setQueriesData<LabelingProgress>({ queryKey: KEY }, (p) =>
        p ? { ...p, labeledToday: Math.max(0, p.labeledToday + delta), remaining: Math.max(0, p.remaining - delta) } : p,
      );
    },
    /** Labels feed the drift page's misroute rates and the request pages: refresh them too. */
    settle() {
      void queryClient.invalidateQueries({ queryKey: KEY });
      void queryClient.invalidateQueries({ queryKey: ["drift"] });
      void queryClient.invalidateQueries({ queryKey: ["requests"] });
    },
  };
}

export function clean(filters: QueueQuery): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter((e): e is [string, string] => !!e[1]));
}
