"use client";

import { useQuery } from "@tanstack/react-query";
import type { PolicyOption } from "@/lib/db/policy-options-repo";
import { apiFetch } from "@/lib/http/client-fetch";

/** Policy names with their tiers (GET /api/admin/policies), for selects across the console. */
export function usePolicyOptions() {
  return useQuery({
    queryKey: ["policy-options"],
    queryFn: async () => (await apiFetch<{ items: PolicyOption[] }>("/api/admin/policies")).items,
    staleTime: 60_000,
  });
}
