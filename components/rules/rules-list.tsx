"use client";

import { useState, type DragEvent, type KeyboardEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import type { RuleConfig } from "@/lib/routing/config-schema";
import { matchSummary } from "./rule-form";

type Props = {
  rules: RuleConfig[];
  /** Rules the draft adds or changes (marked "Draft"). */
  changedNames?: ReadonlySet<string>;
  onMove: (from: number, to: number) => void;
  onToggle: (index: number) => void;
  onEdit: (index: number) => void;
  onDelete: (index: number) => void;
};

/**
 * The policy's rules in evaluation order (first match wins). Reorder by dragging a row, by
 * Alt+↑ / Alt+↓ on a focused row, or with the move buttons.
 */
export function RulesList({ rules, changedNames, onMove, onToggle, onEdit, onDelete }: Props) {
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);

  function onKey(event: KeyboardEvent<HTMLLIElement>, index: number) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    onMove(index, index + (event.key === "ArrowUp" ? -1 : 1));
  }

  function onDrop(event: DragEvent, index: number) {
    event.preventDefault();
    const from = dragging ?? Number(event.dataTransfer.getData("text/plain"));
    setDragging(null);
    setOver(null);
    if (Number.isInteger(from) && from !== index) onMove(from, index);
  }

  return (
    <ol aria-label="Rules, in evaluation order" className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      {rules.map((rule, i) => (
        <li
          key={rule.name}
          tabIndex={0}
          draggable
          aria-label={`Rule ${rule.name}, ${i + 1} of ${rules.length}`}
          onKeyDown={(e) => onKey(e, i)}
          onDragStart={(e) => {
            setDragging(i);
            e.dataTransfer.effectAllowed = "move";
            e.dataTransfer.setData("text/plain", String(i));
          }}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(i);
          }}
          onDragLeave={() => setOver((o) => (o === i ? null : o))}
          onDragEnd={() => {
            setDragging(null);
            setOver(null);
          }}
          onDrop={(e) => onDrop(e, i)}
          className={`flex flex-wrap items-start gap-x-3 gap-y-2 px-3 py-3 focus:bg-brand-50 focus:outline-none ${dragging === i ? "opacity-50" : ""} ${over === i && dragging !== i ? "ring-2 ring-inset ring-brand-500" : ""}`}
        >
          <span aria-hidden className="mt-1 cursor-grab select-none text-slate-400" title="Drag to reorder">
            ⠿
          </span>
          <span className="mt-0.5 w-5 text-right text-sm tabular-nums text-slate-500">{i + 1}</span>
          <div className="min-w-48 flex-1">
            <div className="flex flex-wrap items-center gap-2">
              <span className="flex items-center gap-2 whitespace-nowrap">
                <span className={`font-medium ${rule.enabled ? "text-slate-900" : "text-slate-500 line-through"}`}>{rule.name}</span>
                <span className="text-sm text-slate-500">→</span>
                <Badge tone="blue">{rule.tier}</Badge>
              </span>
              {!rule.enabled && <Badge>Disabled</Badge>}
              {changedNames?.has(rule.name) && <Badge tone="amber">Draft</Badge>}
            </div>
            <p className="mt-0.5 break-words text-xs text-slate-500">{matchSummary(rule)}</p>
          </div>
          <div className="ml-auto flex shrink-0 flex-wrap items-center justify-end gap-1">
            <label className="mr-1 flex items-center gap-1 text-xs text-slate-600">
              <input type="checkbox" checked={rule.enabled} aria-label={`Enable rule ${rule.name}`} onChange={() => onToggle(i)} />
              On
            </label>
            <Tooltip content="Move up (Alt+↑)">
              <Button variant="ghost" size="sm" className="px-1.5" aria-label={`Move rule ${rule.name} up`} disabled={i === 0} onClick={() => onMove(i, i - 1)}>
                ↑
              </Button>
            </Tooltip>
            <Tooltip content="Move down (Alt+↓)">
              <Button variant="ghost" size="sm" className="px-1.5" aria-label={`Move rule ${rule.name} down`} disabled={i === rules.length - 1} onClick={() => onMove(i, i + 1)}>
                ↓
              </Button>
            </Tooltip>
            <Button variant="secondary" size="sm" aria-label={`Edit rule ${rule.name}`} onClick={() => onEdit(i)}>
              Edit
            </Button>
            <Button variant="danger" size="sm" aria-label={`Delete rule ${rule.name}`} onClick={() => onDelete(i)}>
              Delete
            </Button>
          </div>
        </li>
      ))}
    </ol>
  );
}
