"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import type { Dataset } from "./types";
import { uploadDataset } from "./upload-dataset";

const KEY = ["datasets"] as const;

export function useDatasets() {
  return useQuery({ queryKey: KEY, queryFn: async () => (await apiFetch<{ items: Dataset[] }>("/api/admin/datasets")).items });
}

/** Upload with progress (0..1, null when idle); the list refreshes when the import lands. */
export function useUploadDataset() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const mutation = useMutation({
    mutationFn: ({ name, file }: { name: string; file: File }) => {
      setProgress(0);
      return uploadDataset(name, file, setProgress);
    },
    onSettled: () => setProgress(null),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
  return { ...mutation, progress };
}

export function useDeleteDataset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ deleted: true }>(`/api/admin/datasets/${id}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
