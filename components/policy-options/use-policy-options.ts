"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";

/** As GET /api/admin/policies answers (lib/db/policy-options-repo.ts). */
export type PolicyOption = { name: string; isDefault: boolean; tiers: string[] };

/** Policy names with their tiers (GET /api/admin/policies), for selects across the console. */
export function usePolicyOptions() {
  return useQuery({
    queryKey: ["policy-options"],
    queryFn: async () => (await apiFetch<{ items: PolicyOption[] }>("/api/admin/policies")).items,
    staleTime: 60_000,
  });
}
