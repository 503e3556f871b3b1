"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectInput } from "@/components/ui/field";
import { VERDICT_LABELS, VERDICTS, type Verdict } from "@/lib/labeling/labeling-schemas";
import { tierChoices } from "@/lib/labeling/queue-item";
import { apiFetch } from "@/lib/http/client-fetch";

type Props = { requestId: string; tier: string; policyTiers: string[] };

/**
 * "Label" on a request's detail page: the same verdict as the review queue (correct / should be
 * cheaper / should be more capable + the right tier + a note), written by the same POST
 * /api/admin/labels, so it is the same label row the queue writes.
 */
export function RequestLabelForm({ requestId, tier, policyTiers }: Props) {
  const queryClient = useQueryClient();
  const noteId = useId();
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [correctTier, setCorrectTier] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const choices = verdict ? tierChoices({ tier, policyTiers }, verdict) : [];
  const save = useMutation({
    mutationFn: () =>
      apiFetch("/api/admin/labels", { method: "POST", json: { requestId, verdict, note, ...(verdict === "correct" ? {} : { correctTier: correctTier || choices[0] }) } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["requests"] }),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!verdict) return setError("Choose a verdict.");
    if (verdict !== "correct" && choices.length === 0) return setError(`${tier} is already the ${verdict === "should-be-cheaper" ? "cheapest" : "most capable"} tier of its policy.`);
    setError(null);
    save.mutate();
  }

  return (
    <form onSubmit={submit} aria-label="Label this request" className="space-y-3">
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">Verdict</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {VERDICTS.map((v) => (
            <label key={v} className="inline-flex items-center gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name={`verdict-${requestId}`}
                value={v}
                checked={verdict === v}
                onChange={() => {
                  setVerdict(v);
                  setCorrectTier("");
                  setError(null);
                }}
                className="size-4 border-slate-300 text-brand-600"
              />
              {VERDICT_LABELS[v]}
            </label>
          ))}
        </div>
      </fieldset>
      {verdict && verdict !== "correct" && choices.length > 0 && (
        <Field label="Right tier" hint="The tier that should have answered.">
          {({ id, describedBy }) => (
            <SelectInput id={id} aria-describedby={describedBy} value={correctTier || choices[0]} onChange={(e) => setCorrectTier(e.target.value)} className="sm:max-w-xs">
              {choices.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </SelectInput>
          )}
        </Field>
      )}
      <div className="space-y-1">
        <label htmlFor={noteId} className="block text-sm font-medium text-slate-700">
          Note (optional)
        </label>
        <textarea
          id={noteId}
          rows={2}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
        />
      </div>
      {(error || save.error) && (
        <Alert variant="error" role="alert">
          {error ?? `Not saved: ${save.error?.message}`}
        </Alert>
      )}
      <Button type="submit" isLoading={save.isPending}>
        Save label
      </Button>
    </form>
  );
}
