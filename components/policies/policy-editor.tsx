"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { ConfirmDialog } from "@/components/config/confirm-dialog";
import { PolicyPicker } from "@/components/config/policy-picker";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { confirmLeave, useLeaveGuard } from "@/components/ui/use-leave-guard";
import type { PolicyDetail } from "@/lib/config/policy-view";
import { ApiError, type FieldIssue } from "@/lib/http/client-fetch";
import { tierSchema } from "@/lib/routing/config-schema";
import { BiasPanel } from "./bias-panel";
import { projectedImpact } from "./prepare-bias-projection";
import { describeChanges, draftFrom, labelOf, patchFrom, standingIssues, validateDraft, type Draft } from "./policy-draft";
import { PolicyHistory } from "./policy-history";
import { PolicyOptionsForm } from "./policy-options-form";
import { PolicySettingsForm } from "./policy-settings-form";
import { usePolicy, useProjectionSample, useUpdatePolicy } from "./use-policy";

export function PolicyEditor({ policies, initialPolicy }: { policies: string[]; initialPolicy: string | null }) {
  const router = useRouter();
  const [policy, setPolicy] = useState(initialPolicy ?? policies[0] ?? null);
  // the open policy's draft differs from what is saved: switching policy would drop it
  const [isDirty, setDirty] = useState(false);
  if (!policy) return <EmptyState title="No policies yet">Create a policy (for example with `npx frontdesk config apply`) to set its bias.</EmptyState>;
  return (
    <div className="space-y-6">
      <PolicyPicker
        policies={policies}
        value={policy}
        onChange={(next) => {
          if (isDirty && !confirmLeave()) return;
          setDirty(false);
          setPolicy(next);
          router.replace(`/policies?policy=${encodeURIComponent(next)}`, { scroll: false });
        }}
      />
      <PolicyLoader key={policy} policy={policy} onDirty={setDirty} />
      <PolicyHistory policy={policy} />
    </div>
  );
}

type DirtyProps = { onDirty: (isDirty: boolean) => void };

function PolicyLoader({ policy, onDirty }: { policy: string } & DirtyProps) {
  const detail = usePolicy(policy);
  if (detail.isPending) return <LoadingRows rows={5} label="Loading the policy" />;
  if (detail.isError) return <ErrorState message={detail.error.message} onRetry={() => detail.refetch()} />;
  return <PolicyForm detail={detail.data} onDirty={onDirty} />;
}

/** The draft lives here until saved; the slider and settings change it, the projection follows it live. */
function PolicyForm({ detail, onDirty }: { detail: PolicyDetail } & DirtyProps) {
  const name = detail.policy.name;
  const sample = useProjectionSample(name);
  const update = useUpdatePolicy(name);
  const saved = draftFrom(detail.policy);
  const [draft, setDraft] = useState<Draft>(saved);
  const [lastValid, setLastValid] = useState(() => validateDraft(detail.policy, saved));
  const [isConfirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ issues: FieldIssue[]; sent: Draft } | null>(null);
  const tiers = useMemo(() => detail.tiers.map((t) => tierSchema.parse(t)), [detail.tiers]);

  const checked = validateDraft(detail.policy, draft);
  if (checked.ok && lastValid.ok && JSON.stringify(checked.policy) !== JSON.stringify(lastValid.policy)) setLastValid(checked);
  const projected = checked.ok ? checked.policy : lastValid.ok ? lastValid.policy : null;
  const refused = refusal ? standingIssues(refusal.issues, refusal.sent, draft) : {};
  // The browser's check first (it follows every keystroke), then what the server refused.
  const errors = { ...refused, ...(checked.ok ? {} : checked.errors) };
  const changes = describeChanges(saved, draft);
  const impact = isConfirming && projected && sample.data?.rows.length ? projectedImpact(sample.data.rows, projected, tiers, draft.bias, saved.bias, sample.data.volume) : null;

  const isDirty = changes.length > 0;
  useLeaveGuard(isDirty);
  useEffect(() => onDirty(isDirty), [isDirty, onDirty]);

  function change(next: Draft) {
    setNotice(null);
    setDraft(next);
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span>Tiers {detail.tiers.map((t) => t.name).join(" → ")}</span>
          <span aria-hidden>·</span>
          <span>{detail.ruleCount} rule{detail.ruleCount === 1 ? "" : "s"}</span>
          <span aria-hidden>·</span>
          <span>classifier: {detail.classifier.kind === "trained" ? detail.classifier.name : "built-in content scorer"}</span>
          {detail.isDefault && <Badge tone="blue">default policy</Badge>}
        </div>
        <div className="flex items-center gap-3">
          <p className={`text-sm ${notice ? "text-emerald-700" : "text-slate-600"}`} role="status">
            {notice ?? (changes.length ? `${changes.length} unsaved change${changes.length > 1 ? "s" : ""}` : "No unsaved changes")}
          </p>
          <Button variant="secondary" disabled={!changes.length} onClick={() => change(saved)}>
            Discard
          </Button>
          <Button disabled={!changes.length || !checked.ok} onClick={() => setConfirming(true)}>
            Save changes
          </Button>
        </div>
      </div>
      {projected && (
        <BiasPanel policy={{ ...projected, bias: draft.bias }} tiers={tiers} bias={draft.bias} savedBias={saved.bias} onBias={(bias) => change({ ...draft, bias })} sample={sample} />
      )}
      {errors.bias && <p className="text-sm text-red-600">{errors.bias}</p>}
      {Object.keys(refused).length > 0 && (
        <Alert variant="error" title="Not saved: the server refused these values (shown next to each field).">
          <ul className="list-disc pl-5">
            {Object.entries(refused).map(([path, message]) => (
              <li key={path}>
                {labelOf(path)}: {message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <PolicySettingsForm draft={draft} errors={errors} onChange={change} />
      <PolicyOptionsForm draft={draft} errors={errors} onChange={change} tiers={detail.policy.tiers} catalog={detail.catalog} />
      <ConfirmDialog
        open={isConfirming}
        title={`Save policy ${name}?`}
        confirmLabel="Save policy"
        onConfirm={async () => {
          try {
            const next = await update.mutateAsync(patchFrom(saved, draft));
            setRefusal(null);
            setDraft(draftFrom(next.policy));
            setNotice("Saved. Every gateway uses the new settings within a second.");
          } catch (e) {
            // Field issues go next to their fields (the dialog closes); anything else stays in the dialog.
            if (!(e instanceof ApiError && e.status === 400 && e.issues.length)) throw e;
            setRefusal({ issues: e.issues, sent: draft });
          }
        }}
        onClose={() => setConfirming(false)}
      >
        <p>These changes apply to live traffic within a second and are recorded in the audit log:</p>
        {impact && <p className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">{impact}</p>}
        <DataTable variant="plain" caption="Changes" hasRowDividers={false} columns={["Setting", "Before", "After"]}>
          {changes.map((c) => (
            <tr key={c.field}>
              <td className="py-1 pr-3 text-slate-700">{c.field}</td>
              <td className="py-1 pr-3 tabular-nums text-slate-500">{c.before}</td>
              <td className="py-1 font-medium tabular-nums text-slate-900">{c.after}</td>
            </tr>
          ))}
        </DataTable>
      </ConfirmDialog>
    </div>
  );
}
