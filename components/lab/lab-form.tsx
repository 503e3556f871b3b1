"use client";

import { useState, type FormEvent } from "react";
import { PolicyField } from "@/components/policy-options/policy-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { ApiError } from "@/lib/http/client-fetch";
import { useStartLabRun } from "./use-lab";

const RANGES = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;

/** The candidate as the form builds it: a policy draft (bias, escalation) or a JSON draft written out. */
export function buildCandidate(policy: string, form: { bias: string; escalation: string; draft: string }): { config: unknown } {
  if (form.draft.trim()) return { config: JSON.parse(form.draft) };
  const change: Record<string, unknown> = { name: policy };
  if (form.bias.trim() !== "") change.bias = Number(form.bias);
  if (form.escalation !== "keep") change.escalation = { enabled: form.escalation === "on" };
  return { config: { policies: [change] } };
}

/** What would a change do? A replay of a candidate, or the tier-count advice, for a policy and range. */
export function LabForm({ onStarted }: { onStarted: (id: string) => void }) {
  const start = useStartLabRun();
  const [policy, setPolicy] = useState("default");
  const [range, setRange] = useState<keyof typeof RANGES>("7d");
  const [form, setForm] = useState({ bias: "0.7", escalation: "keep", draft: "" });
  const [error, setError] = useState<string | null>(null);
  const issues = start.error instanceof ApiError ? start.error.issues : [];

  const run = (kind: "replay" | "advise-tiers") => {
    setError(null);
    let candidate;
    try {
      candidate = buildCandidate(policy, form);
    } catch {
      setError("The draft is not valid JSON.");
      return;
    }
    const to = new Date();
    const from = new Date(to.getTime() - RANGES[range]);
    const payload = kind === "replay" ? { kind, policy, from, to, candidate } : { kind, policy, from, to };
    start.mutate(payload, { onSuccess: ({ job }) => onStarted(job.id) });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run("replay");
  };

  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-labelledby="lab-form-title">
      <div>
        <h2 id="lab-form-title" className="text-sm font-semibold text-slate-900">What would a change do?</h2>
        <p className="text-xs text-slate-500">Replays the policy&apos;s logged requests through the candidate — the same decision and execution code as the gateway, no upstream calls.</p>
      </div>
      <div className="grid gap-4 md:grid-cols-4">
        <PolicyField hint="Whose traffic to replay." value={policy} onChange={(e) => setPolicy(e.target.value)} />
        <Field label="Logged traffic" hint="Requests of this range.">
          {({ id, describedBy }) => (
            <SelectInput id={id} aria-describedby={describedBy} value={range} onChange={(e) => setRange(e.target.value as keyof typeof RANGES)}>
              <option value="24h">Last 24 hours</option>
              <option value="7d">Last 7 days</option>
              <option value="30d">Last 30 days</option>
            </SelectInput>
          )}
        </Field>
        <Field label="Candidate bias" hint="0 = cost first, 1 = quality first; empty keeps the policy's." error={issues.find((i) => i.path.includes("bias"))?.message}>
          {({ id, describedBy }) => <TextInput id={id} aria-describedby={describedBy} inputMode="decimal" value={form.bias} onChange={(e) => setForm({ ...form, bias: e.target.value })} />}
        </Field>
        <Field label="Escalation" hint="Climb after an unsure answer.">
          {({ id, describedBy }) => (
            <SelectInput id={id} aria-describedby={describedBy} value={form.escalation} onChange={(e) => setForm({ ...form, escalation: e.target.value })}>
              <option value="keep">As the policy has it</option>
              <option value="on">On</option>
              <option value="off">Off</option>
            </SelectInput>
          )}
        </Field>
      </div>
      <Field label="Or a config draft (JSON)" hint={'Overrides the fields above, e.g. {"policies": [{"name": "default", "bias": 0.8, "tiers": ["fast", "balanced", "capable"]}]}'}>
        {({ id, describedBy }) => (
          <textarea id={id} aria-describedby={describedBy} rows={3} className="block w-full rounded-md border-0 px-3 py-2 font-mono text-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500" value={form.draft} onChange={(e) => setForm({ ...form, draft: e.target.value })} />
        )}
      </Field>
      {(error || start.error) && <Alert variant="error">{error ?? start.error!.message}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={start.isPending}>Replay the candidate</Button>
        <Button type="button" variant="secondary" disabled={start.isPending} onClick={() => run("advise-tiers")}>
          Two tiers or three?
        </Button>
      </div>
    </form>
  );
}
