"use client";

import { ChangeList } from "@/components/audit/change-list";
import { impactSentence, useTrafficImpact } from "@/components/audit/use-traffic-impact";
import { ConfirmDialog } from "@/components/config/confirm-dialog";
import { diffAudit } from "@/lib/audit/diff-audit";
import type { Draft } from "./policy-draft";
import { settingsImpact } from "./settings-impact";

type Props = {
  policy: string;
  saved: Draft;
  draft: Draft | null;
  /** The slider's projection before → after (cost per month, quality), when the bias changed and the sample allows it. */
  biasImpact: string | null;
  onPublish: () => Promise<unknown>;
  onClose: () => void;
};

/**
 * The review step of a policy settings draft: its diff field by field (the paths the audit log
 * shows once published), what it touches in the last 7 days of the policy's traffic, and the
 * bias projection; Publish makes it live (the caller shows Undo).
 */
export function PolicyReviewDialog({ policy, saved, draft, biasImpact, onPublish, onClose }: Props) {
  const impact = useTrafficImpact(draft ? { policy, of: "all" } : null);
  const changes = draft ? diffAudit(saved, draft) : [];
  const lines = impact.data?.scope === "policy" ? settingsImpact(changes, impact.data) : [];
  return (
    <ConfirmDialog open={draft !== null} title={`Review changes to policy ${policy}`} confirmLabel="Publish" size="lg" onConfirm={onPublish} onClose={onClose}>
      <p>Publishing applies these changes to live traffic within a second; they are recorded in the audit log and can be undone there.</p>
      {draft && <ChangeList before={saved} after={draft} label="Changes in this draft" />}
      <div data-testid="impact" className="space-y-1 rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
        {biasImpact && <p data-testid="bias-impact">{biasImpact}</p>}
        {impact.isError ? (
          <p className="text-amber-800">Could not count recent traffic: {impact.error.message}</p>
        ) : lines.length ? (
          lines.map((line) => <p key={line}>{line}</p>)
        ) : (
          <p>{impactSentence(impact.data, impact.isPending)}</p>
        )}
      </div>
    </ConfirmDialog>
  );
}
