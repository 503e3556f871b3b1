"use client";

import { useEffect, useEffectEvent, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { tierChoices } from "@/lib/labeling/queue-item";
import { VERDICT_LABELS, type Verdict } from "@/lib/labeling/labeling-schemas";
import { isTypingTarget, keyAction } from "./labeling-keys";
import { QueueItemTrace } from "./queue-item-trace";
import { QueueItemView } from "./queue-item-view";
import { ShortcutLegend } from "./shortcut-legend";
import type { QueueQuery } from "./use-labeling-progress";
import { useLabelingQueue } from "./use-labeling-queue";
import { VerdictPanel, type Draft } from "./verdict-panel";

const BLANK: Draft = { verdict: null, tier: null, note: "", isPickingTier: false, applyToAll: false };

/** One queue under one set of filters: the item on screen, the verdict being made, the keyboard. */
export function LabelingSession({ filters, lastUndoable }: { filters: QueueQuery; lastUndoable: { id: string } | null }) {
  const queue = useLabelingQueue(filters, lastUndoable);
  const item = queue.current;
  const [drafts, setDrafts] = useState<{ itemId: string | null; draft: Draft }>({ itemId: null, draft: BLANK });
  const draft = item && drafts.itemId === item.id ? drafts.draft : BLANK;
  const choices = item && draft.verdict ? tierChoices(item, draft.verdict) : [];
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const verdictsRef = useRef<HTMLFieldSetElement>(null);
  const wantsVerdictFocus = useRef(false);
  const [isConfirming, setIsConfirming] = useState(false);

  const setDraft = (next: Partial<Draft>) => item && setDrafts({ itemId: item.id, draft: { ...draft, ...next } });
  const say = (text: string) => queue.notify({ tone: "info", text });

  function chooseVerdict(verdict: Verdict) {
    if (!item) return;
    const options = tierChoices(item, verdict);
    if (verdict === "correct") return setDraft({ verdict, tier: item.tier, isPickingTier: false });
    if (options.length === 0) {
      const which = verdict === "should-be-cheaper" ? "cheapest" : "most capable";
      return say(`${item.tier} is already the ${which} tier of policy ${item.policy ?? "—"}.`);
    }
    setDraft({ verdict, tier: options.length === 1 ? options[0]! : null, isPickingTier: options.length > 1 });
  }

  /** Back to the verdict buttons (after a note is saved with Ctrl+Enter): once the next item is on screen. */
  function focusVerdicts() {
    wantsVerdictFocus.current = true;
    setTimeout(() => {
      const button = verdictsRef.current?.querySelector<HTMLButtonElement>("button[aria-pressed=true]:not(:disabled)") ?? verdictsRef.current?.querySelector<HTMLButtonElement>("button:not(:disabled)");
      if (!button) return;
      button.focus();
      wantsVerdictFocus.current = false;
    }, 0);
  }

  useEffect(() => {
    if (item && wantsVerdictFocus.current) focusVerdicts();
  }, [item]);

  /** Saves the verdict (or asks to confirm "apply to all" first); "saved" when the label went out. */
  function save(opts: { isConfirmed?: boolean } = {}): "saved" | "confirming" | "incomplete" {
    if (!item) return "incomplete";
    if (!draft.verdict) {
      say("Choose a verdict first: 1, 2 or 3 (or s to skip).");
      return "incomplete";
    }
    if (draft.verdict !== "correct" && !draft.tier) {
      setDraft({ isPickingTier: true });
      say("Pick the tier that should have answered.");
      return "incomplete";
    }
    const applyToIdentical = draft.applyToAll && item.identicalIds.length > 0;
    if (applyToIdentical && !opts.isConfirmed) {
      setIsConfirming(true);
      return "confirming";
    }
    setIsConfirming(false);
    queue.label(item, { verdict: draft.verdict, correctTier: draft.tier ?? undefined, note: draft.note, applyToIdentical });
    return "saved";
  }

  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || document.querySelector("[role=dialog], [role=alertdialog]")) return;
    if (isTypingTarget(e.target)) {
      if (e.target !== noteRef.current) return;
      if (e.key === "Escape") noteRef.current?.blur();
      else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        // Saved (or a verdict still missing): the keys go back to the verdicts, not into the note.
        if (save() !== "confirming") focusVerdicts();
      }
      return;
    }
    const action = keyAction(e, draft.isPickingTier ? choices.length : 0);
    if (!action) return;
    e.preventDefault();
    switch (action.type) {
      case "verdict":
        return chooseVerdict(action.verdict);
      case "tier":
        return setDraft({ tier: choices[action.index]!, isPickingTier: false });
      case "cancel":
        return setDraft(draft.tier ? { isPickingTier: false } : { verdict: null, isPickingTier: false });
      case "next":
        return void save();
      case "skip":
        return item && queue.skip(item);
      case "undo":
        return void queue.undo();
      case "note":
        return noteRef.current?.focus();
    }
  });

  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  const { state } = queue;
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0 space-y-4">
        {state.message && (
          <Alert
            variant={state.message.tone === "error" ? "error" : "info"}
            action={
              <button type="button" onClick={queue.clearMessage} className="text-xs font-medium underline underline-offset-2">
                Dismiss
              </button>
            }
          >
            {state.message.text}
          </Alert>
        )}
        {item ? (
          <QueueItemView item={item} />
        ) : state.loadError ? (
          <ErrorState message={`Could not load the queue: ${state.loadError}`} onRetry={queue.retry} />
        ) : state.exhausted ? (
          <EmptyState title="Nothing left to label" action={<Button variant="secondary" onClick={queue.retry}>Check again</Button>}>
            Every routed request under these filters is labeled or held by another reviewer. Widen the time range or pick another policy.
          </EmptyState>
        ) : (
          <LoadingRows rows={6} label="Loading the next request" />
        )}
      </div>
      <aside className="space-y-4 lg:sticky lg:top-20 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:self-start">
        <VerdictPanel
          draft={draft}
          choices={choices}
          hasItem={!!item}
          canUndo={queue.canUndo}
          noteRef={noteRef}
          verdictsRef={verdictsRef}
          identicalCount={item?.identicalIds.length ?? 0}
          onApplyToAll={(applyToAll) => setDraft({ applyToAll })}
          onVerdict={chooseVerdict}
          onTier={(tier) => setDraft({ tier, isPickingTier: false })}
          onNote={(note) => setDraft({ note })}
          onSave={() => void save()}
          onSkip={() => item && queue.skip(item)}
          onUndo={() => void queue.undo()}
        />
        <ShortcutLegend />
      </aside>
      {item && draft.verdict && (
        <Dialog
          open={isConfirming}
          onClose={() => setIsConfirming(false)}
          title={`Label ${item.identicalIds.length + 1} identical requests?`}
          description={`All ${item.identicalIds.length + 1} requests with this prompt answered by ${item.tier} under policy ${item.policy ?? "—"} get the verdict “${VERDICT_LABELS[draft.verdict]}”${draft.verdict === "correct" ? "" : ` (right tier: ${draft.tier})`}${draft.note ? " and your note" : ""}. All are saved or none.`}
        >
          <DialogActions label={`Label all ${item.identicalIds.length + 1}`} onCancel={() => setIsConfirming(false)} onConfirm={() => {
              save({ isConfirmed: true });
              focusVerdicts();
            }} />
        </Dialog>
      )}
      {item && (
        <div className="min-w-0 lg:col-start-1">
          <QueueItemTrace item={item} />
        </div>
      )}
    </div>
  );
}
