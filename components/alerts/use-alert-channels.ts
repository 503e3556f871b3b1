"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateChannelInput, UpdateChannelInput } from "@/lib/alerts/channel-schemas";
import type { listAlertChannels, listDeliveries, sendTestAlert } from "@/lib/alerts/manage-alert-channels";
import { apiFetch } from "@/lib/http/client-fetch";
import type { Jsonified } from "@/lib/http/jsonified";

export type ChannelRow = Jsonified<Awaited<ReturnType<typeof listAlertChannels>>[number]>;
type DeliveryPage = Jsonified<Awaited<ReturnType<typeof listDeliveries>>> & { page: number; pageSize: number };
export type DeliveryRow = DeliveryPage["items"][number];
export type TestResult = Jsonified<Awaited<ReturnType<typeof sendTestAlert>>>;

const CHANNELS = ["alert-channels"] as const;
const DELIVERIES = ["alert-deliveries"] as const;

export function useChannels() {
  return useQuery({ queryKey: CHANNELS, queryFn: () => apiFetch<{ channels: ChannelRow[] }>("/api/admin/alert-channels") });
}

/** The delivery log polls while open: retries land without a reload. */
export function useDeliveries(page: number, channel: string) {
  return useQuery({
    queryKey: [...DELIVERIES, page, channel],
    queryFn: () => apiFetch<DeliveryPage>(`/api/admin/alert-deliveries?${new URLSearchParams({ page: String(page), ...(channel ? { channel } : {}) })}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
}

function useInvalidating<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: CHANNELS }), queryClient.invalidateQueries({ queryKey: DELIVERIES })]),
  });
}

export function useCreateChannel() {
  return useInvalidating((input: CreateChannelInput) => apiFetch<{ channel: ChannelRow }>("/api/admin/alert-channels", { method: "POST", json: input }));
}

export function useUpdateChannel() {
  return useInvalidating(({ id, patch }: { id: string; patch: UpdateChannelInput }) => apiFetch<{ channel: ChannelRow }>(`/api/admin/alert-channels/${id}`, { method: "PATCH", json: patch }));
}

export function useDeleteChannel() {
  return useInvalidating((id: string) => apiFetch<{ ok: true }>(`/api/admin/alert-channels/${id}`, { method: "DELETE" }));
}

export function useSendTest() {
  return useInvalidating((id: string) => apiFetch<TestResult>(`/api/admin/alert-channels/${id}/test`, { method: "POST" }));
}
