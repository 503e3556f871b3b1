"use client";

import type { RefObject } from "react";
import { Button } from "@/components/ui/button";
import { VERDICT_LABELS, VERDICTS, type Verdict } from "@/lib/labeling/labeling-schemas";

/** `applyToAll`: label the item's identical requests too (after a confirm). */
export type Draft = { verdict: Verdict | null; tier: string | null; note: string; isPickingTier: boolean; applyToAll: boolean };

type Props = {
  draft: Draft;
  /** Tiers offered for the chosen verdict (cheaper or more capable ones). */
  choices: string[];
  hasItem: boolean;
  canUndo: boolean;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  verdictsRef: RefObject<HTMLFieldSetElement | null>;
  /** Other open requests identical to this one (same policy, tier and prompt). */
  identicalCount: number;
  onApplyToAll: (applyToAll: boolean) => void;
  onVerdict: (v: Verdict) => void;
  onTier: (tier: string) => void;
  onNote: (note: string) => void;
  onSave: () => void;
  onSkip: () => void;
  onUndo: () => void;
};

const VERDICT_STYLE: Record<Verdict, string> = {
  correct: "aria-pressed:bg-emerald-600 aria-pressed:text-on-brand aria-pressed:ring-emerald-600",
  "should-be-cheaper": "aria-pressed:bg-amber-500 aria-pressed:text-on-brand aria-pressed:ring-amber-500",
  "should-be-more-capable": "aria-pressed:bg-red-600 aria-pressed:text-on-brand aria-pressed:ring-red-600",
};

/** Verdict buttons (1/2/3), the right-tier choice, a note, and save / skip / undo. */
export function VerdictPanel({ draft, choices, hasItem, canUndo, noteRef, verdictsRef, identicalCount, onApplyToAll, onVerdict, onTier, onNote, onSave, onSkip, onUndo }: Props) {
  return (
    <div className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <fieldset ref={verdictsRef} disabled={!hasItem} className="space-y-2">
        <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Verdict</legend>
        {VERDICTS.map((v, i) => (
          <button
            key={v}
            type="button"
            aria-pressed={draft.verdict === v}
            onClick={() => onVerdict(v)}
            className={`flex w-full items-center gap-3 rounded-md px-3 py-2 text-left text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:opacity-50 ${VERDICT_STYLE[v]}`}
          >
            <kbd className="rounded bg-slate-100 px-1.5 text-xs text-slate-600" aria-hidden>
              {i + 1}
            </kbd>
            {VERDICT_LABELS[v]}
          </button>
        ))}
      </fieldset>
      {draft.verdict && draft.verdict !== "correct" && (
        <div role="group" aria-label="Right tier" className="space-y-2">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{draft.isPickingTier ? "Which tier should have answered?" : "Right tier"}</p>
          <div className="flex flex-wrap gap-2">
            {choices.map((t, i) => (
              <button
                key={t}
                type="button"
                aria-pressed={draft.tier === t}
                aria-label={`Right tier: ${t}`}
                onClick={() => onTier(t)}
                className="inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 aria-pressed:bg-brand-600 aria-pressed:text-on-brand aria-pressed:ring-brand-600"
              >
                {draft.isPickingTier && (
                  <kbd className="rounded bg-slate-100 px-1.5 text-xs text-slate-600" aria-hidden>
                    {i + 1}
                  </kbd>
                )}
                {t}
              </button>
            ))}
          </div>
        </div>
      )}
      <div className="space-y-1">
        <label htmlFor="label-note" className="block text-sm font-medium text-slate-700">
          Note (optional)
        </label>
        <textarea
          id="label-note"
          ref={noteRef}
          rows={3}
          maxLength={2000}
          value={draft.note}
          disabled={!hasItem}
          onChange={(e) => onNote(e.target.value)}
          placeholder="Why? Press / to write, Esc to leave."
          className="block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500 disabled:bg-slate-50"
        />
      </div>
      {identicalCount > 0 && (
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={draft.applyToAll} onChange={(e) => onApplyToAll(e.target.checked)} className="mt-0.5 size-4 rounded border-slate-300" />
          <span>
            Apply to all {identicalCount + 1} identical requests <span className="text-slate-500">(asks to confirm)</span>
          </span>
        </label>
      )}
      <div className="flex flex-wrap gap-2">
        <Button onClick={onSave} disabled={!hasItem || !draft.verdict}>
          Save and next
        </Button>
        <Button variant="secondary" onClick={onSkip} disabled={!hasItem}>
          Skip
        </Button>
        <Button variant="ghost" onClick={onUndo} disabled={!canUndo}>
          Undo last label
        </Button>
      </div>
    </div>
  );
}
