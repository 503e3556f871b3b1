"use client";

import Link from "next/link";
import { useState } from "react";
import { ChangeList } from "@/components/audit/change-list";
import { Alert } from "@/components/ui/alert";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import type { ImpactSample, RuleImpact } from "@/lib/config/rule-impact";
import type { RuleConfig } from "@/lib/routing/config-schema";
import { useRuleImpact } from "./use-rules";

type Props = {
  policy: string;
  saved: RuleConfig[];
  draft: RuleConfig[];
  /** Saves the draft (live within a second, audited); throws the server's refusal. */
  onPublish: () => Promise<void>;
  onClose: () => void;
};

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

/** The review step before a rules draft goes live: the diff, its impact on recent traffic, then Publish. */
export function RulesReviewDialog({ policy, saved, draft, onPublish, onClose }: Props) {
  const impact = useRuleImpact(policy, draft);
  const [error, setError] = useState<string | null>(null);
  const [isPublishing, setPublishing] = useState(false);

  async function publish() {
    setError(null);
    setPublishing(true);
    try {
      await onPublish();
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not publish the draft.");
    } finally {
      setPublishing(false);
    }
  }

  return (
    <Dialog open onClose={onClose} size="lg" title={`Review changes to the rules of ${policy}`} description="Nothing is live until you publish. Every gateway follows within a second; Undo and the audit log can revert it.">
      <div className="space-y-4">
        {error && <Alert variant="error">{error}</Alert>}
        <section aria-labelledby="review-diff" className="space-y-2">
          <h3 id="review-diff" className="text-sm font-semibold text-slate-900">
            Changes
          </h3>
          <ChangeList before={{ rules: saved }} after={{ rules: draft }} label="Changes in this draft" />
        </section>
        <section aria-labelledby="review-impact" aria-busy={impact.isPending} className="space-y-2">
          <h3 id="review-impact" className="text-sm font-semibold text-slate-900">
            Impact on recent traffic
          </h3>
          {impact.isPending ? (
            <p role="status" className="text-sm text-slate-500">
              Running the draft over the last 7 days of logged requests…
            </p>
          ) : impact.isError ? (
            <Alert variant="warning">Could not estimate the impact: {impact.error.message}</Alert>
          ) : (
            <ImpactSummary impact={impact.data} />
          )}
          <p className="text-xs text-slate-500">
            For the cost and quality this would bring, replay the candidate in the <Link href="/lab" className="font-medium text-brand-700 underline underline-offset-2">Lab</Link>.
          </p>
        </section>
        <DialogActions label="Publish" onCancel={onClose} isPending={isPublishing} onConfirm={publish} />
      </div>
    </Dialog>
  );
}

function ImpactSummary({ impact }: { impact: RuleImpact }) {
  const evaluated = impact.scanned - impact.withoutPrompt;
  return (
    <div className="space-y-3 text-sm text-slate-700">
      <p data-testid="draft-impact">
        <strong>{plural(impact.changed, "request")}</strong> of the last {plural(evaluated, "logged request")} ({impact.days} days{impact.scanned >= impact.limit ? `, newest ${impact.limit.toLocaleString("en-US")}` : ""}) would be routed differently.
        {impact.withoutPrompt > 0 && ` ${plural(impact.withoutPrompt, "request")} without a stored prompt could not be checked.`}
      </p>
      {impact.rules.length > 0 && (
        <ul className="space-y-2" aria-label="Matches of new or changed rules">
          {impact.rules.map((r) => (
            <li key={r.rule}>
              <span className="font-medium text-slate-900">{r.rule}</span> → {r.tier}: {plural(r.matches, "request")} would be decided by it.
              <Samples samples={r.samples} label={`Sample matches of ${r.rule}`} />
            </li>
          ))}
        </ul>
      )}
      {impact.changedSamples.length > 0 && (
        <div>
          <p className="text-xs font-medium text-slate-600">Requests whose outcome changes</p>
          <Samples samples={impact.changedSamples} label="Sample requests whose outcome changes" />
        </div>
      )}
      <p className="text-xs text-slate-500">The category of a request is not logged: a rule on a category matches no logged request here.</p>
    </div>
  );
}

function Samples({ samples, label }: { samples: ImpactSample[]; label: string }) {
  if (samples.length === 0) return null;
  return (
    <ul aria-label={label} className="mt-1 space-y-1 border-l-2 border-slate-200 pl-3 text-xs">
      {samples.map((s) => (
        <li key={s.id}>
          <Link href={`/requests/${s.id}`} className="break-words text-slate-800 underline decoration-slate-300 underline-offset-2">
            “{s.prompt}”
          </Link>
          <div className="text-slate-500">
            {s.before} → {s.after}
          </div>
        </li>
      ))}
    </ul>
  );
}
