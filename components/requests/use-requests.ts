"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import type { RequestDetail, RequestListPage } from "./types";

/** Rows a page of the list asks for. */
export const REQUEST_PAGE_SIZE = 50;

export type RequestFilterValues = { from: Date; to: Date; policy: string; tier: string; stage: string; status: string; q: string };

export function useRequestList(f: RequestFilterValues) {
  const params: Record<string, string> = { from: f.from.toISOString(), to: f.to.toISOString(), limit: String(REQUEST_PAGE_SIZE) };
  for (const k of ["policy", "tier", "stage", "status", "q"] as const) if (f[k]) params[k] = f[k];
  return useInfiniteQuery({
    queryKey: ["requests", "list", params],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      apiFetch<RequestListPage>(`/api/admin/requests?${new URLSearchParams({ ...params, ...(pageParam ? { cursor: pageParam } : {}) })}`),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useRequest(id: string) {
  return useQuery({ queryKey: ["requests", "detail", id], queryFn: () => apiFetch<{ request: RequestDetail }>(`/api/admin/requests/${id}`) });
}
