"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { TextInput } from "@/components/ui/field";
import { FilterSelect } from "@/components/ui/filter-select";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import type { Role } from "@/lib/auth/permissions";
import { AuditEntryCard } from "./audit-entry-card";
import { AuditEntryRow } from "./audit-entry-row";
import { NO_FILTERS, useAuditLog, type AuditFilters } from "./use-audit-log";

const TARGET_TYPES = [
  { value: "tier", label: "Tiers" },
  { value: "policy", label: "Policies, rules, classifiers" },
  { value: "config", label: "Config applies" },
  { value: "api_key", label: "API keys" },
  { value: "user", label: "Users" },
  { value: "job", label: "Jobs" },
  { value: "dataset", label: "Datasets" },
  { value: "setting", label: "Settings" },
];

const COLUMNS = ["When", "Who", "What", "Changes", { label: "Revert", isHidden: true }] as const;

/** The global audit log: filters, the entries newest first (a table, cards under md), "Load more" for older ones. */
export function AuditLog({ role }: { role: Role }) {
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const log = useAuditLog(filters);
  const set = (key: keyof AuditFilters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  const isFiltered = Object.values(filters).some(Boolean);
  const badRange = filters.from && filters.to && filters.from > filters.to;

  return (
    <div className="space-y-4">
      <div role="search" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-2">
        <FilterSelect label="Target type" value={filters.targetType} onChange={set("targetType")} options={TARGET_TYPES} allLabel="All targets" width="w-56" />
        <div className="w-56">
          <TextInput aria-label="Who (email contains)" placeholder="Who (email)" value={filters.actor} onChange={(e) => set("actor")(e.target.value)} />
        </div>
        <div className="w-48">
          <TextInput aria-label="Action (exact, or prefix*)" placeholder="Action, e.g. tier.*" value={filters.action} onChange={(e) => set("action")(e.target.value)} />
        </div>
        <label className="text-xs text-slate-600">
          From
          <TextInput type="date" aria-label="From date" value={filters.from} onChange={(e) => set("from")(e.target.value)} />
        </label>
        <label className="text-xs text-slate-600">
          To
          <TextInput type="date" aria-label="To date" value={filters.to} invalid={Boolean(badRange)} onChange={(e) => set("to")(e.target.value)} />
        </label>
        {isFiltered && (
          <Button variant="secondary" size="sm" onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </Button>
        )}
      </div>
      {badRange && <p className="text-sm text-red-700">The “to” date is before the “from” date.</p>}
      {log.isPending ? (
        <LoadingRows rows={6} label="Loading the audit log" />
      ) : log.isError ? (
        <ErrorState message={log.error.message} onRetry={() => log.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState title={isFiltered ? "No entries match these filters" : "No changes recorded yet"}>
          Every change to tiers, rules, policies, classifiers, keys and users is recorded here with who made it.
        </EmptyState>
      ) : (
        <>
          {/* Cards under md (a phone: no sideways scroll), the table from md up; the hidden one is display:none. */}
          <ul aria-label="Audit log" className="space-y-3 md:hidden">
            {entries.map((entry) => (
              <AuditEntryCard key={entry.id} entry={entry} role={role} />
            ))}
          </ul>
          <div className="hidden md:block">
            <DataTable columns={COLUMNS} label="Audit log" caption="Changes, newest first, with their before → after and a revert where possible">
              {entries.map((entry) => (
                <AuditEntryRow key={entry.id} entry={entry} role={role} />
              ))}
            </DataTable>
          </div>
          {log.hasNextPage && (
            <Button variant="secondary" isLoading={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
              Load older entries
            </Button>
          )}
        </>
      )}
    </div>
  );
}
