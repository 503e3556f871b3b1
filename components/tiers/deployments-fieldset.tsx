"use client";

import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { EMPTY_DEPLOYMENT, type DeploymentFormRow, type TierFormErrors } from "./tier-form";

type Props = {
  rows: DeploymentFormRow[];
  /** Hints of the stored keys by deployment name ("…abcd"); a key is write-only. */
  keyHints: Record<string, string>;
  errors: TierFormErrors;
  onChange: (rows: DeploymentFormRow[]) => void;
};

/** The tier's deployments: several upstreams of the same model, balanced by weight; add, remove, edit. */
export function DeploymentsFieldset({ rows, keyHints, errors, onChange }: Props) {
  const update = (i: number, patch: Partial<DeploymentFormRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const remove = (i: number) => onChange(rows.filter((_, j) => j !== i));
  const input = (i: number, key: "name" | "baseUrl" | "weight" | "region" | "model" | "apiKey", label: string, props: { placeholder?: string; type?: string; inputMode?: "numeric"; hint?: string } = {}) => {
    const error = errors[`deployments.${i}.${key}`];
    return (
      <Field label={label} error={error} hint={props.hint} compact>
        {({ id, describedBy }) => (
          <TextInput
            id={id}
            type={props.type ?? "text"}
            inputMode={props.inputMode}
            value={rows[i]![key]}
            placeholder={props.placeholder}
            autoComplete="off"
            aria-describedby={describedBy}
            invalid={!!error}
            onChange={(e) => update(i, { [key]: e.target.value })}
          />
        )}
      </Field>
    );
  };

  return (
    <fieldset className="space-y-2 rounded-md px-3 py-2 ring-1 ring-slate-200">
      <legend className="px-1 text-sm font-medium text-slate-700">Deployments</legend>
      <p className="text-xs text-slate-500">
        Several upstreams serving this tier&apos;s model, shared by weight (fewer calls in flight preferred). A 429 or 503 cools one down until its Retry-After
        and the same request goes to another; the next tier only when all fail. None: the base URL and key above are the only upstream. A deployment on
        another host than the base URL needs its own key.
      </p>
      {errors.deployments && <p className="text-sm text-red-600">{errors.deployments}</p>}
      {rows.map((row, i) => {
        const stored = keyHints[row.name];
        return (
          <div key={i} role="group" aria-label={`Deployment ${i + 1}${row.name ? ` (${row.name})` : ""}`} className="space-y-2 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
              {input(i, "name", "Name", { placeholder: "eu-1" })}
              {input(i, "weight", "Weight", { inputMode: "numeric" })}
              {input(i, "region", "Region", { placeholder: "Optional" })}
              {input(i, "model", "Model", { placeholder: "Tier's" })}
            </div>
            {input(i, "baseUrl", "Base URL", { placeholder: "https://eu.example.com/v1" })}
            <div className="flex flex-wrap items-end gap-2">
              <div className="min-w-48 flex-1">
                {input(i, "apiKey", stored ? "Replace key" : "Key", { type: "password", placeholder: stored ? `Stored: ${stored} — leave empty to keep it` : "Optional: the tier's key on its own host" })}
              </div>
              <Button variant="ghost" size="sm" aria-label={`Remove deployment ${row.name || i + 1}`} onClick={() => remove(i)}>
                Remove
              </Button>
            </div>
            {stored && (
              <label className="flex items-center gap-2 text-xs text-slate-700">
                <input type="checkbox" checked={row.removeApiKey} disabled={!!row.apiKey} onChange={(e) => update(i, { removeApiKey: e.target.checked })} />
                Remove the stored key ({stored})
              </label>
            )}
          </div>
        );
      })}
      <Button variant="secondary" size="sm" onClick={() => onChange([...rows, { ...EMPTY_DEPLOYMENT }])}>
        Add deployment
      </Button>
    </fieldset>
  );
}
