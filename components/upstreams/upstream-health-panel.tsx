"use client";

import { useState } from "react";
import { FilterSelect } from "@/components/ui/filter-select";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { UpstreamHealthTable } from "./upstream-health-table";
import { useUpstreamHealth } from "./use-upstream-health";

const WINDOWS = [
  { value: "15", label: "Last 15 minutes" },
  { value: "60", label: "Last hour" },
  { value: "360", label: "Last 6 hours" },
  { value: "1440", label: "Last 24 hours" },
];

export function UpstreamHealthPanel() {
  const [windowMinutes, setWindowMinutes] = useState("15");
  const health = useUpstreamHealth(Number(windowMinutes));
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">
          Every attempt counts against the tier it went to. A row turns red while its breaker is open or more than{" "}
          {health.data ? `${(health.data.errorRateAbove * 100).toFixed(1)}%` : "the error-rate threshold"} of at least 20 attempts failed.
        </p>
        <FilterSelect label="Window" value={windowMinutes} onChange={setWindowMinutes} options={WINDOWS} width="w-48" />
      </div>
      {health.isPending ? (
        <LoadingRows label="Loading upstream health" />
      ) : health.isError ? (
        <ErrorState message={health.error.message} onRetry={() => health.refetch()} />
      ) : health.data.tiers.length === 0 ? (
        <EmptyState title="No tiers yet">Add a tier on the Tiers page; its upstream&apos;s health shows here once traffic reaches it.</EmptyState>
      ) : (
        <UpstreamHealthTable rows={health.data.tiers} />
      )}
    </section>
  );
}
