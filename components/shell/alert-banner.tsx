"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { apiFetch } from "@/lib/http/client-fetch";
import type { FiringAlert } from "@/lib/monitoring/alert-settings";

/**
 * Drift alerts that are firing, on every console page. One small poll a minute (the server
 * caches the evaluation for 30 s); nothing is shown while it loads or when it fails. A named
 * region rather than role="alert", so it never competes with a page's own form errors.
 */
export function AlertBanner({ canOpenDrift }: { canOpenDrift: boolean }) {
  const firing = useQuery({
    queryKey: ["alerts", "firing"],
    queryFn: () => apiFetch<{ checkedAt: string; firing: FiringAlert[] }>("/api/admin/alerts/firing"),
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
  const alerts = firing.data?.firing ?? [];
  if (!alerts.length) return null;
  return (
    <Alert
      variant="warning"
      role="region"
      label="Drift alerts"
      className="mb-4"
      title={
        <>
          {alerts.length === 1 ? "A drift alert is firing" : `${alerts.length} drift alerts are firing`}
          {canOpenDrift && (
            <>
              {" · "}
              <Link href="/drift" className="underline underline-offset-2">
                Open drift
              </Link>
            </>
          )}
        </>
      }
    >
      <ul className="list-inside list-disc">
        {alerts.map((a) => (
          <li key={a.metric}>{a.message}</li>
        ))}
      </ul>
    </Alert>
  );
}
