"use client";

import { Badge } from "@/components/ui/badge";
import type { RuleExplanation, RuleOutcome } from "@/lib/routing/explain-rules";

const OUTCOMES: Record<RuleOutcome, { label: string; tone: "green" | "slate" | "amber" | "red" | "blue" }> = {
  matched: { label: "matched", tone: "green" },
  shadowed: { label: "matched, earlier rule won", tone: "blue" },
  missed: { label: "missed", tone: "slate" },
  disabled: { label: "disabled", tone: "slate" },
  broken: { label: "broken", tone: "red" },
  "tier-unusable": { label: "tier unusable", tone: "amber" },
};

/** The bench's per-rule answer: for each rule in order, matched or why it missed. */
export function RuleExplanations({ rules, isDraft }: { rules: RuleExplanation[]; isDraft: boolean }) {
  if (rules.length === 0) return <p className="text-sm text-slate-500">No {isDraft ? "draft " : ""}rules: the classifier decides every request.</p>;
  return (
    <div>
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{isDraft ? "Draft rules" : "Live rules"}, in order</h3>
      <ol aria-label="Why each rule matched or missed" className="mt-1 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
        {rules.map((r) => (
          <li key={r.rule} data-testid="rule-explanation" className="flex flex-wrap items-baseline gap-x-2 gap-y-1 px-3 py-2 text-sm">
            <span className="font-medium text-slate-900">{r.rule}</span>
            <span className="text-xs text-slate-500">→ {r.tier}</span>
            <Badge tone={OUTCOMES[r.outcome].tone}>{OUTCOMES[r.outcome].label}</Badge>
            <span className="basis-full break-words text-xs text-slate-600">{r.summary}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
