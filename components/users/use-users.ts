"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateUserInput, UpdateUserInput } from "@/lib/auth/user-schemas";
import type { listUsers } from "@/lib/db/user-repo";
import { apiFetch } from "@/lib/http/client-fetch";
import type { Jsonified } from "@/lib/http/jsonified";

/** GET /api/admin/users, as JSON. */
type UserPage = Jsonified<Awaited<ReturnType<typeof listUsers>>> & { page: number; pageSize: number };

export type UserRow = UserPage["items"][number];

const KEY = ["users"] as const;

export function useUsers(params: { page: number; q: string }) {
  return useQuery({
    queryKey: [...KEY, params],
    queryFn: () => apiFetch<UserPage>(`/api/admin/users?${new URLSearchParams({ page: String(params.page), q: params.q })}`),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => apiFetch<{ user: UserRow }>("/api/admin/users", { method: "POST", json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateUserInput }) =>
      apiFetch<{ user: UserRow }>(`/api/admin/users/${id}`, { method: "PATCH", json: patch }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
