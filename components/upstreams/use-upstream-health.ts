"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { UpstreamHealth } from "@/lib/alerts/get-upstream-health";
import { apiFetch } from "@/lib/http/client-fetch";
import type { Jsonified } from "@/lib/http/jsonified";

export type UpstreamHealthData = Jsonified<UpstreamHealth>;
export type TierHealthRow = UpstreamHealthData["tiers"][number];

/** Refreshed every 15 s: a tier turning red shows up without a reload. */
export function useUpstreamHealth(windowMinutes: number) {
  return useQuery({
    queryKey: ["upstream-health", windowMinutes],
    queryFn: () => apiFetch<UpstreamHealthData>(`/api/admin/upstream-health?window=${windowMinutes}`),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}
