"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import type { AlertSettings } from "@/lib/monitoring/alert-settings";
import type { AlertStatus } from "@/lib/monitoring/firing-alerts";
import type { Drift } from "@/lib/monitoring/get-drift";

export type BaselineMode = "first-half" | "previous";

export function useDrift(params: { from: Date; to: Date; baseline: BaselineMode; policy: string }) {
  const query = { from: params.from.toISOString(), to: params.to.toISOString(), baseline: params.baseline, ...(params.policy ? { policy: params.policy } : {}) };
  return useQuery({
    queryKey: ["drift", query],
    queryFn: () => apiFetch<Drift>(`/api/admin/drift?${new URLSearchParams(query)}`),
    placeholderData: keepPreviousData,
  });
}

type AlertsAnswer = { settings: AlertSettings; status: AlertStatus };

export function useAlertSettings() {
  return useQuery({ queryKey: ["alerts", "settings"], queryFn: () => apiFetch<AlertsAnswer>("/api/admin/alerts") });
}

/** Saving thresholds changes what fires: the banner (["alerts", "firing"]) refetches too. */
export function useSaveAlertSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: AlertSettings) => apiFetch<AlertsAnswer>("/api/admin/alerts", { method: "PUT", json: settings }),
    onSuccess: (data) => {
      queryClient.setQueryData(["alerts", "settings"], data);
      return queryClient.invalidateQueries({ queryKey: ["alerts"] });
    },
  });
}
