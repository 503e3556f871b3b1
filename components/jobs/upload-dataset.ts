/**
 * POST /api/admin/datasets?name=… with the raw file as the body, through XMLHttpRequest because
 * fetch cannot report upload progress. Browser-only; errors become ApiError like apiFetch's.
 */
import type { ImportResult } from "@/lib/datasets/import-dataset";
import { ApiError } from "@/lib/http/client-fetch";

export function uploadDataset(name: string, file: Blob, onProgress: (fraction: number) => void): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/admin/datasets?${new URLSearchParams({ name })}`);
    xhr.setRequestHeader("content-type", "application/x-ndjson");
    xhr.setRequestHeader("accept", "application/json");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onerror = () => reject(new ApiError(0, "network", "Could not reach the server. Check your connection and try again."));
    xhr.onload = () => {
      const body = xhr.response as (ImportResult & { error?: { code?: string; message?: string; issues?: Array<{ path: string; message: string }> } }) | null;
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body);
      const err = body?.error ?? {};
      reject(new ApiError(xhr.status, err.code ?? "error", err.message ?? `Upload failed (${xhr.status}).`, err.issues ?? []));
    };
    xhr.send(file);
  });
}
