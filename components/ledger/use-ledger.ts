"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Ledger } from "@/lib/lab/ledger";
import { apiFetch } from "@/lib/http/client-fetch";

export type Ledgers = { total: Ledger; policies: Ledger[] };

export function useLedgers(range: { from: Date; to: Date }) {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  return useQuery({
    queryKey: ["ledger", from, to],
    queryFn: () => apiFetch<Ledgers>(`/api/admin/ledger?${new URLSearchParams({ from, to })}`),
    placeholderData: keepPreviousData,
  });
}
