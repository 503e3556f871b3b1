"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextInput } from "@/components/ui/field";
import { PRESETS, toLocalInput, type Preset, type RangeChoice } from "./time-range-params";

const LABELS: Record<Preset, string> = { "1h": "1 h", "24h": "24 h", "7d": "7 d", "30d": "30 d" };

/** Preset buttons plus a custom from/to; the choice lives in the URL (use-time-range.ts). */
export function RangePicker({ choice, from, to, onChange }: { choice: RangeChoice; from: Date; to: Date; onChange: (c: RangeChoice) => void }) {
  const [isCustom, setCustom] = useState(choice.kind === "custom");
  const [error, setError] = useState<string | null>(null);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const f = new Date(String(form.get("from")));
    const t = new Date(String(form.get("to")));
    if (!Number.isFinite(f.getTime()) || !Number.isFinite(t.getTime())) return setError("Enter both dates.");
    if (t <= f) return setError("“To” must be after “From”.");
    setError(null);
    onChange({ kind: "custom", from: f, to: t });
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="group" aria-label="Time range" className="inline-flex rounded-md shadow-sm ring-1 ring-slate-300">
        {(Object.keys(PRESETS) as Preset[]).map((p) => {
          const isActive = !isCustom && choice.kind === "preset" && choice.preset === p;
          return (
            <button
              key={p}
              type="button"
              aria-pressed={isActive}
              aria-label={`Last ${LABELS[p]}`}
              onClick={() => {
                setCustom(false);
                onChange({ kind: "preset", preset: p });
              }}
              className={`h-8 px-3 text-sm font-medium first:rounded-l-md ${isActive ? "bg-brand-600 text-on-brand" : "bg-white text-slate-700 hover:bg-slate-50"}`}
            >
              {LABELS[p]}
            </button>
          );
        })}
        <button
          type="button"
          aria-pressed={isCustom}
          onClick={() => setCustom(true)}
          className={`h-8 rounded-r-md px-3 text-sm font-medium ${isCustom ? "bg-brand-600 text-on-brand" : "bg-white text-slate-700 hover:bg-slate-50"}`}
        >
          Custom
        </button>
      </div>
      {isCustom && (
        <form onSubmit={apply} className="flex flex-wrap items-center gap-2" noValidate>
          {(["from", "to"] as const).map((name) => (
            <label key={name} className="flex items-center gap-2 text-sm font-medium text-slate-700">
              {name === "from" ? "From" : "To"}
              <TextInput type="datetime-local" name={name} className="w-52" defaultValue={toLocalInput(name === "from" ? from : to)} />
            </label>
          ))}
          <span className="text-xs text-slate-500">{Intl.DateTimeFormat().resolvedOptions().timeZone} time</span>
          <Button type="submit" size="sm">
            Apply
          </Button>
          {error && (
            <p role="alert" className="text-sm text-red-600">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
