"use client";

import { useState, type FormEvent } from "react";
import { PolicyField } from "@/components/policy-options/policy-field";
import { usePolicyOptions } from "@/components/policy-options/use-policy-options";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { ApiError } from "@/lib/http/client-fetch";
import { errorsByField, parseRetrainForm, RETRAIN_FORM_DEFAULTS, type RetrainFormErrors, type RetrainFormValues } from "./retrain-form";
import type { JobRow } from "./types";
import { useDatasets } from "./use-datasets";
import { useStartJob } from "./use-jobs";

const CHECKBOX = "size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500";

/** Policy, data sources, split and seed → a queued retraining job (validated here and on the server). */
export function StartJobForm({ onStarted }: { onStarted: (job: JobRow) => void }) {
  const policies = usePolicyOptions();
  const datasets = useDatasets();
  const startJob = useStartJob();
  const [values, setValues] = useState<Omit<RetrainFormValues, "policy"> & { policy: string | null }>({ ...RETRAIN_FORM_DEFAULTS, policy: null, datasets: [] });
  const [errors, setErrors] = useState<RetrainFormErrors>({});
  const policy = values.policy ?? policies.data?.find((p) => p.isDefault)?.name ?? policies.data?.[0]?.name ?? "";
  const set = <K extends keyof RetrainFormValues>(key: K, value: RetrainFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseRetrainForm({ ...values, policy });
    if (!parsed.ok) return setErrors(parsed.errors);
    setErrors({});
    try {
      const { job } = await startJob.mutateAsync(parsed.data);
      onStarted(job);
    } catch (error) {
      if (error instanceof ApiError && error.issues.length) setErrors(errorsByField(error.issues));
      else setErrors({ form: error instanceof Error ? error.message : "Could not start the job." });
    }
  }

  function toggleDataset(id: string, isChecked: boolean) {
    set("datasets", isChecked ? [...values.datasets, id] : values.datasets.filter((d) => d !== id));
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Start retraining" className="space-y-4">
      {errors.form && <Alert variant="error">{errors.form}</Alert>}
      <PolicyField value={policy} onChange={(e) => set("policy", e.target.value)} disabled={policies.isPending} error={errors.policy} hint="The candidate is trained for this policy's tiers." />

      <fieldset className="space-y-2" aria-describedby={errors.datasets ? "retrain-datasets-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">Data sources</legend>
        {datasets.isPending ? (
          <p className="text-sm text-slate-500">Loading datasets…</p>
        ) : datasets.isError ? (
          <p className="text-sm text-red-600">Could not load the datasets: {datasets.error.message}</p>
        ) : datasets.data.length === 0 ? (
          <p className="text-sm text-slate-500">No imported datasets yet: upload one under Datasets.</p>
        ) : (
          <ul className="max-h-36 space-y-1.5 overflow-y-auto rounded-md p-2 ring-1 ring-inset ring-slate-200">
            {datasets.data.map((d) => (
              <li key={d.id}>
                <label className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" className={CHECKBOX} checked={values.datasets.includes(d.id)} onChange={(e) => toggleDataset(d.id, e.target.checked)} />
                  <span className="truncate">{d.name}</span>
                  <span className="ml-auto shrink-0 text-xs tabular-nums text-slate-500">{d.rowCount.toLocaleString("en-US")} rows</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" className={CHECKBOX} checked={values.includeLabels} onChange={(e) => set("includeLabels", e.target.checked)} />
          Include reviewer labels
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" className={CHECKBOX} checked={values.includeEscalations} onChange={(e) => set("includeEscalations", e.target.checked)} />
          Include escalations
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" className={CHECKBOX} checked={values.includeShadow} onChange={(e) => set("includeShadow", e.target.checked)} />
          Include graded shadow pairs
        </label>
        {errors.datasets && (
          <p id="retrain-datasets-error" className="text-sm text-red-600">
            {errors.datasets}
          </p>
        )}
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Labels since" error={errors.labelsSince} hint="Empty: all labels.">
          {({ id, describedBy }) => (
            <TextInput id={id} type="date" value={values.labelsSince} onChange={(e) => set("labelsSince", e.target.value)} disabled={!values.includeLabels && !values.includeEscalations && !values.includeShadow} aria-describedby={describedBy} invalid={!!errors.labelsSince} />
          )}
        </Field>
        <Field label="Hold-out (%)" error={errors.holdout} hint="5–50, for evaluation.">
          {({ id, describedBy }) => (
            <TextInput id={id} inputMode="decimal" value={values.holdoutPercent} onChange={(e) => set("holdoutPercent", e.target.value)} aria-describedby={describedBy} invalid={!!errors.holdout} />
          )}
        </Field>
        <Field label="Seed" error={errors.seed} hint="Same seed, same split.">
          {({ id, describedBy }) => <TextInput id={id} inputMode="numeric" value={values.seed} onChange={(e) => set("seed", e.target.value)} aria-describedby={describedBy} invalid={!!errors.seed} />}
        </Field>
      </div>
      <div className="flex justify-end">
        <Button type="submit" isLoading={startJob.isPending}>
          Start retraining
        </Button>
      </div>
    </form>
  );
}
