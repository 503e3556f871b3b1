"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { UndoToast, type UndoNotice } from "@/components/audit/undo-toast";
import { PolicyPicker } from "@/components/config/policy-picker";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { confirmLeave, useLeaveGuard } from "@/components/ui/use-leave-guard";
import type { PolicyDetail } from "@/lib/config/policy-view";
import { ApiError, type FieldIssue } from "@/lib/http/client-fetch";
import { diffAudit } from "@/lib/audit/diff-audit";
import { canonicalJson } from "@/lib/routing/canonical-json";
import { tierSchema } from "@/lib/routing/config-schema";
import { BiasPanel } from "./bias-panel";
import { projectedImpact } from "./prepare-bias-projection";
import { draftFrom, labelOf, patchFrom, standingIssues, validateDraft, type Draft } from "./policy-draft";
import { PolicyHistory } from "./policy-history";
import { PolicyOptionsForm } from "./policy-options-form";
import { PolicyReviewDialog } from "./policy-review-dialog";
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

/** The draft lives here until published; the slider and settings change it, the projection follows it live; review → publish → Undo. */
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
  const [undo, setUndo] = useState<UndoNotice | null>(null);
  const [undoError, setUndoError] = useState<string | null>(null);
  const onUndoDone = useCallback((result: { error?: string } | null) => {
    setUndo(null);
    if (result?.error) setUndoError(result.error);
  }, []);
  // The saved settings changed under an untouched draft (an Undo, another tab): the draft follows them.
  const [base, setBase] = useState(saved);
  if (canonicalJson(base) !== canonicalJson(saved)) {
    setBase(saved);
    if (canonicalJson(draft) === canonicalJson(base)) {
      setDraft(saved);
      setNotice(null);
    }
  }
  const tiers = useMemo(() => detail.tiers.map((t) => tierSchema.parse(t)), [detail.tiers]);

  const checked = validateDraft(detail.policy, draft);
  if (checked.ok && lastValid.ok && JSON.stringify(checked.policy) !== JSON.stringify(lastValid.policy)) setLastValid(checked);
  const projected = checked.ok ? checked.policy : lastValid.ok ? lastValid.policy : null;
  const refused = refusal ? standingIssues(refusal.issues, refusal.sent, draft) : {};
  // The browser's check first (it follows every keystroke), then what the server refused.
  const errors = { ...refused, ...(checked.ok ? {} : checked.errors) };
  const changes = diffAudit(saved, draft);
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
            Review changes
          </Button>
        </div>
      </div>
      {projected && (
        <BiasPanel policy={{ ...projected, bias: draft.bias }} tiers={tiers} bias={draft.bias} savedBias={saved.bias} onBias={(bias) => change({ ...draft, bias })} sample={sample} />
      )}
      {undoError && <Alert variant="error">{undoError}</Alert>}
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
      <PolicyReviewDialog
        policy={name}
        saved={saved}
        draft={isConfirming ? draft : null}
        biasImpact={draft.bias !== saved.bias ? impact : null}
        onPublish={async () => {
          try {
            const { auditId, ...next } = await update.mutateAsync(patchFrom(saved, draft));
            setRefusal(null);
            setDraft(draftFrom(next.policy));
            setNotice("Published. Every gateway uses the new settings within a second.");
            setUndoError(null);
            setUndo({ message: `Policy ${name} published.`, auditId });
          } catch (e) {
            // Field issues go next to their fields (the dialog closes); anything else stays in the dialog.
            if (!(e instanceof ApiError && e.status === 400 && e.issues.length)) throw e;
            setRefusal({ issues: e.issues, sent: draft });
          }
        }}
        onClose={() => setConfirming(false)}
      />
      <UndoToast notice={undo} onDone={onUndoDone} />
    </div>
  );
}
