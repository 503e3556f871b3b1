"use client";

import { formatUsd } from "@/components/charts/format";
import { useState, type KeyboardEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import type { ConnectionTestResult, TierView } from "@/lib/config/tier-view";
import { capabilitySummary } from "./tier-form";
import { DeploymentList } from "./deployment-list";
import { useDeploymentStates, useTestTier } from "./use-tiers";

type Props = {
  tiers: TierView[];
  onMove: (name: string, delta: -1 | 1) => void;
  onEdit: (tier: TierView) => void;
  onToggle: (tier: TierView) => void;
  onDelete: (tier: TierView) => void;
};

const COLUMNS = ["Rank", "Tier", "Upstream", "Capabilities", { label: "$ / 1M in · out", isNumeric: true, className: "whitespace-nowrap" }, "Key", { label: "Actions", isHidden: true }];

const price = formatUsd;

/** The catalog in rank order. A focused row moves with Alt+↑ / Alt+↓; the arrow buttons do the same. */
export function TiersTable({ tiers, onMove, onEdit, onToggle, onDelete }: Props) {
  const testTier = useTestTier();
  const live = useDeploymentStates(tiers.some((t) => t.deployments.length > 0));
  const [results, setResults] = useState<Record<string, ConnectionTestResult | "pending">>({});

  async function test(name: string) {
    setResults((r) => ({ ...r, [name]: "pending" }));
    try {
      const result = await testTier.mutateAsync(name);
      setResults((r) => ({ ...r, [name]: result }));
    } catch (e) {
      setResults((r) => ({ ...r, [name]: { ok: false, latencyMs: 0, message: e instanceof Error ? e.message : "Test failed." } }));
    }
  }

  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, name: string) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    onMove(name, event.key === "ArrowUp" ? -1 : 1);
  }

  return (
    <DataTable columns={COLUMNS} cellPadding="px-3 py-3" caption="Tiers, cheapest first (all enabled unless marked Disabled). Focus a row and press Alt+Up or Alt+Down to move it.">
      {tiers.map((tier, i) => {
        const result = results[tier.name];
        return (
          <tr
            key={tier.name}
            tabIndex={0}
            aria-label={`Tier ${tier.name}, rank ${i + 1} of ${tiers.length}`}
            onKeyDown={(e) => onRowKey(e, tier.name)}
            className={`align-top focus:bg-brand-50 focus:outline-none ${tier.enabled ? "" : "bg-slate-50/70 text-slate-500"}`}
          >
            <td className="px-3 py-3">
              <div className="flex items-center">
                <span className="mr-1 w-5 text-right font-medium tabular-nums text-slate-600">{i + 1}</span>
                <Button variant="ghost" size="sm" className="px-1.5" aria-label={`Move ${tier.name} up`} disabled={i === 0} onClick={() => onMove(tier.name, -1)}>
                  ↑
                </Button>
                <Button variant="ghost" size="sm" className="px-1.5" aria-label={`Move ${tier.name} down`} disabled={i === tiers.length - 1} onClick={() => onMove(tier.name, 1)}>
                  ↓
                </Button>
              </div>
            </td>
            <td className="px-3 py-3">
              <div className="flex items-center gap-1.5 whitespace-nowrap">
                <span className="font-medium text-slate-900">{tier.name}</span>
                {tier.provider === "simulated" && <Badge tone="amber">Simulated</Badge>}
                {tier.kind === "embeddings" && <Badge tone="slate">Embeddings</Badge>}
                {!tier.enabled && <Badge tone="red">Disabled</Badge>}
              </div>
              <div className="mt-1 text-xs text-slate-500">{tier.usedBy.length ? `Used by ${tier.usedBy.join(", ")}` : "Not used by any policy"}</div>
            </td>
            <td className="w-60 max-w-60 px-3 py-3">
              <div className="font-mono text-xs text-slate-800">{tier.model}</div>
              <div className="truncate text-xs text-slate-500" title={tier.baseUrl ?? undefined}>
                {tier.provider} · {tier.baseUrl ?? (tier.provider === "simulated" ? "in-process, no network" : tier.deployments.length ? `${tier.deployments.length} deployments` : "default URL")}
              </div>
              <div className="text-xs text-slate-500">
                timeout <span className="tabular-nums">{(tier.timeoutMs / 1000).toLocaleString("en-US")} s</span>
              </div>
              {tier.deployments.length > 0 && <DeploymentList tier={tier} states={live.data?.deployments} isError={live.isError} />}
              {result && (
                <p role="status" className={`mt-1 text-xs ${result === "pending" ? "text-slate-500" : result.ok ? "text-emerald-700" : "text-red-700"}`}>
                  {result === "pending" ? "Testing…" : `${result.ok ? "✓ Connected" : "✗ Failed"} in ${Math.round(result.latencyMs)} ms — ${result.message}`}
                </p>
              )}
            </td>
            <td className="w-40 px-3 py-3 text-xs text-slate-600" aria-label={`Capabilities of ${tier.name}`}>
              {tier.kind === "embeddings" ? "embeddings" : capabilitySummary(tier.capabilities)}
            </td>
            <td className="whitespace-nowrap px-3 py-3 text-right tabular-nums">
              {price(tier.inputUsdPerMTok)} · {price(tier.outputUsdPerMTok)}
            </td>
            <td className="whitespace-nowrap px-3 py-3 font-mono text-xs" aria-label={`API key of ${tier.name}`}>
              {tier.credentialHint ?? <span className="font-sans text-slate-500">none</span>}
            </td>
            <td className="px-3 py-3">
              <div className="ml-auto flex w-40 flex-wrap justify-end gap-1.5">
                <Button variant="secondary" size="sm" aria-label={`Test connection to ${tier.name}`} isLoading={result === "pending"} onClick={() => test(tier.name)}>
                  Test
                </Button>
                <Button variant="secondary" size="sm" aria-label={`Edit ${tier.name}`} onClick={() => onEdit(tier)}>
                  Edit
                </Button>
                <Button variant="secondary" size="sm" aria-label={`${tier.enabled ? "Disable" : "Enable"} ${tier.name}`} onClick={() => onToggle(tier)}>
                  {tier.enabled ? "Disable" : "Enable"}
                </Button>
                <Button variant="danger" size="sm" aria-label={`Delete ${tier.name}`} onClick={() => onDelete(tier)}>
                  Delete
                </Button>
              </div>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
