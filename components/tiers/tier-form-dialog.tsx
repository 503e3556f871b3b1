"use client";

import { useState, type FormEvent } from "react";
import { ChangeList } from "@/components/audit/change-list";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { useLeaveGuard } from "@/components/ui/use-leave-guard";
import type { TierPatch } from "@/lib/config/config-schemas";
import { issuesByPath } from "@/lib/config/form-errors";
import type { TierView } from "@/lib/config/tier-view";
import { ApiError } from "@/lib/http/client-fetch";
import { PROVIDERS, type TierConfigInput } from "@/lib/routing/config-schema";
import { DeploymentsFieldset } from "./deployments-fieldset";
import { droppedSecretsNote, dropsStoredKey, EMPTY_TIER_FORM, formFromTier, parseTierForm, tierPatchFrom, type TierFormErrors, type TierFormValues } from "./tier-form";
import { TierImpact } from "./tier-impact";
import { tierAfterCreate, tierAfterPatch, tierBeforeReview } from "./tier-review";
import { useCreateTier, useUpdateTier } from "./use-tiers";

/** The stored headers are write-only: named with hints here, never in the JSON. */
function optionsHint(tier: TierView | null): string {
  const stored = Object.entries(tier?.headerHints ?? {});
  const base = 'Simulated latency, error rate and replay; extra headers for network providers ("headers": {"Name": "value"}, stored encrypted, write-only).';
  if (!stored.length) return base;
  return `${base} Stored headers: ${stored.map(([n, h]) => `${n} (${h})`).join(", ")}; they stay unless you enter a new value or null under "headers".`;
}

const PROVIDER_LABELS: Record<string, string> = { openai: "OpenAI-compatible", anthropic: "Anthropic", simulated: "Simulated (demo, no network)" };

type Draft = { kind: "create"; input: TierConfigInput } | { kind: "update"; patch: TierPatch };

/**
 * Create a tier (`tier` null) or edit one, in two steps: the form makes a draft; the review shows
 * its diff (secrets only as hints) and the traffic the tier served, and Publish makes it live.
 * Mounted fresh per open, so its state starts clean.
 */
export function TierFormDialog({ tier, onClose, onPublished }: { tier: TierView | null; onClose: () => void; onPublished?: (notice: { message: string; auditId?: string }) => void }) {
  const isEdit = tier !== null;
  const [initial] = useState<TierFormValues>(() => (tier ? formFromTier(tier) : EMPTY_TIER_FORM));
  const [values, setValues] = useState<TierFormValues>(initial);
  const [errors, setErrors] = useState<TierFormErrors>({});
  const [draft, setDraft] = useState<Draft | null>(null);
  const check = (key: "canTools" | "canVision" | "canJsonSchema", label: string) => (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input type="checkbox" checked={values[key]} onChange={(e) => set(key, e.target.checked)} />
      {label}
    </label>
  );
  // An edit or an open review is lost on closing or reloading the tab: ask first (the modal covers the console's links).
  useLeaveGuard(draft !== null || JSON.stringify(values) !== JSON.stringify(initial));
  const createTier = useCreateTier();
  const updateTier = useUpdateTier();
  const set = <K extends keyof TierFormValues>(key: K, value: TierFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseTierForm(values);
    if (!parsed.ok) return setErrors(parsed.errors);
    setErrors({});
    setDraft(tier ? { kind: "update", patch: tierPatchFrom(parsed.input, values) } : { kind: "create", input: parsed.input });
  }

  async function publish() {
    if (!draft) return;
    try {
      if (draft.kind === "update") {
        const res = await updateTier.mutateAsync({ name: tier!.name, patch: draft.patch });
        onPublished?.({ message: `Tier ${tier!.name} published.`, auditId: res.auditId });
      } else {
        const res = await createTier.mutateAsync(draft.input);
        onPublished?.({ message: `Tier ${draft.input.name} added.`, auditId: res.auditId });
      }
      onClose();
    } catch (error) {
      setDraft(null);
      if (error instanceof ApiError && error.issues.length) setErrors({ form: error.message, ...issuesByPath(error.issues) });
      else setErrors({ form: error instanceof Error ? error.message : "Could not save the tier." });
    }
  }

  type TextProps = { hint?: string; type?: string; placeholder?: string; disabled?: boolean; inputMode?: "decimal" | "numeric"; errorPath?: string };
  const text = (key: keyof TierFormValues, label: string, props: TextProps = {}) => (
    <Field label={label} error={errors[props.errorPath ?? key]} hint={props.hint}>
      {({ id, describedBy }) => (
        <TextInput
          id={id}
          type={props.type ?? "text"}
          inputMode={props.inputMode}
          value={String(values[key])}
          placeholder={props.placeholder}
          disabled={props.disabled}
          autoComplete="off"
          aria-describedby={describedBy}
          invalid={!!errors[props.errorPath ?? key]}
          onChange={(e) => set(key, e.target.value as never)}
        />
      )}
    </Field>
  );

  if (draft) {
    const before = tier ? tierBeforeReview(tier) : null;
    const after = draft.kind === "update" ? tierAfterPatch(tier!, draft.patch) : tierAfterCreate(draft.input);
    return (
      <Dialog open onClose={onClose} title={isEdit ? `Review changes to tier ${tier.name}` : `Review new tier ${draft.kind === "create" ? draft.input.name : ""}`}>
        <div className="space-y-3 text-sm text-slate-700">
          <ChangeList before={before} after={after} label="Changes in this draft" />
          <TierImpact tier={tier?.name ?? null} />
          <p className="text-xs text-slate-500">Publishing makes it live within a second; it is recorded in the audit log and can be reverted there.</p>
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => setDraft(null)}>
              Back to edit
            </Button>
            <Button onClick={publish} isLoading={createTier.isPending || updateTier.isPending}>
              Publish
            </Button>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog open onClose={onClose} title={isEdit ? `Edit tier ${tier.name}` : "Add a tier"}>
      <form onSubmit={onSubmit} noValidate className="space-y-3">
        {errors.form && <Alert variant="error">{errors.form}</Alert>}
        {text("name", "Name", { disabled: isEdit, hint: isEdit ? "Names cannot change (policies and logs refer to them)." : "Lowercase, e.g. fast or capable." })}
        <Field label="Provider" error={errors.provider}>
          {({ id, describedBy }) => (
            <SelectInput id={id} value={values.provider} aria-describedby={describedBy} onChange={(e) => set("provider", e.target.value)}>
              {PROVIDERS.map((p) => (
                <option key={p} value={p}>
                  {PROVIDER_LABELS[p]}
                </option>
              ))}
            </SelectInput>
          )}
        </Field>
        <Field label="Kind" error={errors.kind} hint={values.kind === "embeddings" ? "Called by tier name on POST /api/v1/embeddings; never part of a policy." : "Chat tiers serve /chat/completions through policies."}>
          {({ id, describedBy }) => (
            <SelectInput id={id} value={values.kind} aria-describedby={describedBy} onChange={(e) => set("kind", e.target.value)}>
              <option value="chat">Chat</option>
              <option value="embeddings">Embeddings</option>
            </SelectInput>
          )}
        </Field>
        {text("baseUrl", "Base URL", {
          placeholder: "https://api.openai.com/v1",
          hint: values.provider === "simulated" ? "Not used by simulated tiers." : values.deployments.length ? "Optional with deployments: their base URLs are called." : undefined,
        })}
        {tier && dropsStoredKey(tier, values) && <Alert variant="warning">{droppedSecretsNote(tier, values)}</Alert>}
        {text("model", "Model", { placeholder: "gpt-4o-mini" })}
        <div className="grid grid-cols-2 gap-3">
          {text("inputUsdPerMTok", "Input price (USD / 1M tokens)", { inputMode: "decimal" })}
          {text("outputUsdPerMTok", "Output price (USD / 1M tokens)", { inputMode: "decimal" })}
        </div>
        {text("timeoutMs", "Timeout (ms)", { inputMode: "numeric" })}
        {text("apiKey", isEdit ? "Replace API key" : "API key", {
          type: "password",
          placeholder: isEdit && tier.credentialHint ? `Stored: ${tier.credentialHint} — leave empty to keep it` : "Optional",
          hint: "Write-only: it is stored for the gateway and never shown again.",
        })}
        {isEdit && tier.credentialHint && (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={values.removeApiKey} disabled={!!values.apiKey} onChange={(e) => set("removeApiKey", e.target.checked)} />
            Remove the stored key ({tier.credentialHint})
          </label>
        )}
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={values.enabled} onChange={(e) => set("enabled", e.target.checked)} />
          Enabled (disabled tiers are skipped by every policy)
        </label>
        {values.kind === "chat" && (
          <fieldset className="space-y-2 rounded-md px-3 py-2 ring-1 ring-slate-200">
            <legend className="px-1 text-sm font-medium text-slate-700">Capabilities</legend>
            <p className="text-xs text-slate-500">Requests that need more than this tier can serve are routed to the policy&apos;s other tiers (none capable: 400).</p>
            <div className="flex flex-wrap gap-x-4 gap-y-1">
              {check("canTools", "Tool calls")}
              {check("canVision", "Images (vision)")}
              {check("canJsonSchema", "JSON-schema output")}
            </div>
            <div className="grid grid-cols-2 gap-3">
              {text("contextTokens", "Context window (tokens)", { inputMode: "numeric", errorPath: "capabilities.contextTokens", hint: "Prompt + max_tokens must fit." })}
              {text("maxOutputTokens", "Max output tokens", { inputMode: "numeric", errorPath: "capabilities.maxOutputTokens" })}
            </div>
          </fieldset>
        )}
        {values.kind === "chat" && values.provider !== "simulated" && (
          <DeploymentsFieldset rows={values.deployments} keyHints={tier?.deploymentKeyHints ?? {}} errors={errors} onChange={(rows) => set("deployments", rows)} />
        )}
        <details className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200" open={!!errors.options}>
          <summary className="cursor-pointer text-sm font-medium text-slate-700">Provider options (JSON)</summary>
          <div className="mt-2">
            <Field label="Options" error={errors.options} hint={optionsHint(tier)}>
              {({ id, describedBy }) => (
                <textarea
                  id={id}
                  rows={5}
                  value={values.options}
                  aria-describedby={describedBy}
                  aria-invalid={!!errors.options || undefined}
                  onChange={(e) => set("options", e.target.value)}
                  className="block w-full rounded-md bg-white px-3 py-2 font-mono text-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500"
                />
              )}
            </Field>
          </div>
        </details>
        <DialogActions label="Review" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
