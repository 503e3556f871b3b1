"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { ALERT_KIND_LABELS, type AlertKind } from "@/lib/alerts/alert-message";
import { CHANNEL_KIND_LABELS, type ChannelKind } from "@/lib/alerts/channel-schemas";
import type { ChannelRow, TestResult } from "./use-alert-channels";

const COLUMNS = ["Channel", "Sends to", "Alerts", "Test", { label: "Actions", isHidden: true }];

type Props = {
  channels: ChannelRow[];
  testing: string | null;
  results: Record<string, TestResult | { ok: false; error: string }>;
  onTest: (c: ChannelRow) => void;
  onEdit: (c: ChannelRow) => void;
  onDelete: (c: ChannelRow) => void;
};

export function ChannelsTable({ channels, testing, results, onTest, onEdit, onDelete }: Props) {
  return (
    <DataTable columns={COLUMNS} label="Alert channels">
      {channels.map((c) => {
        const result = results[c.id];
        return (
          <tr key={c.id} className={c.enabled ? undefined : "bg-slate-50/60 text-slate-500"}>
            <td className="px-4 py-3">
              <div className="flex items-center gap-2 font-medium text-slate-900">
                {c.name}
                {!c.enabled && <Badge>Disabled</Badge>}
              </div>
              <div className="text-xs text-slate-500">{CHANNEL_KIND_LABELS[c.kind as ChannelKind]}</div>
            </td>
            <td className="max-w-xs break-all px-4 py-3 font-mono text-xs">{c.target}</td>
            <td className="px-4 py-3 text-xs">{c.kinds.length === 0 ? "All alerts" : c.kinds.map((k) => ALERT_KIND_LABELS[k as AlertKind] ?? k).join(", ")}</td>
            <td className="px-4 py-3">
              <div className="flex flex-col items-start gap-1">
                <Button variant="secondary" size="sm" aria-label={`Send test to ${c.name}`} isLoading={testing === c.id} onClick={() => onTest(c)}>
                  Send test
                </Button>
                <span role="status" className="text-xs">
                  {result && (result.ok ? <Badge tone="green">Test sent</Badge> : <span className="text-red-700">Not sent: {result.error}</span>)}
                </span>
              </div>
            </td>
            <td className="px-4 py-3 text-right">
              <span className="inline-flex gap-2">
                <Button variant="secondary" size="sm" aria-label={`Edit ${c.name}`} onClick={() => onEdit(c)}>
                  Edit
                </Button>
                <Button variant="danger" size="sm" aria-label={`Delete ${c.name}`} onClick={() => onDelete(c)}>
                  Delete
                </Button>
              </span>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
