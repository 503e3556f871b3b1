"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { UndoToast, type UndoNotice } from "@/components/audit/undo-toast";
import { PolicyPicker } from "@/components/config/policy-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { confirmLeave, useLeaveGuard } from "@/components/ui/use-leave-guard";
import { canonicalJson } from "@/lib/routing/canonical-json";
import type { RuleConfig } from "@/lib/routing/config-schema";
import { draftSummary, moveItem } from "./rule-form";
import { RuleEditorDialog } from "./rule-editor-dialog";
import { RulesList } from "./rules-list";
import { RulesReviewDialog } from "./rules-review-dialog";
import { TestBench } from "./test-bench";
import { useRules, useSaveRules } from "./use-rules";

/** Pick a policy; edit its ordered rules on the left, test decisions on the right. */
export function RulesWorkspace({ policies, initialPolicy }: { policies: string[]; initialPolicy: string | null }) {
  const router = useRouter();
  const [policy, setPolicy] = useState(initialPolicy ?? policies[0] ?? null);
  // the open policy has a rules draft: switching policy would drop it
  const [hasDraft, setHasDraft] = useState(false);

  if (!policy) {
    return <EmptyState title="No policies yet">Create a policy (for example with `npx frontdesk config apply`) to give it rules.</EmptyState>;
  }
  return (
    <div className="space-y-4">
      <PolicyPicker
        policies={policies}
        value={policy}
        onChange={(next) => {
          if (hasDraft && !confirmLeave()) return;
          setHasDraft(false);
          setPolicy(next);
          router.replace(`/rules?policy=${encodeURIComponent(next)}`, { scroll: false });
        }}
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <PolicyRules key={policy} policy={policy} onDraft={setHasDraft} />
      </div>
    </div>
  );
}

type Editing = { index: number; rule: RuleConfig | null } | null;

/**
 * Every edit (add, change, switch, delete, reorder) goes into a draft kept here, not live: the
 * list and the test bench show the draft; Review shows its diff and its impact on recent
 * traffic, and Publish saves it (audited, Undo in the toast and on /audit).
 */
function PolicyRules({ policy, onDraft }: { policy: string; onDraft: (hasDraft: boolean) => void }) {
  const rules = useRules(policy);
  const save = useSaveRules(policy);
  const [draft, setDraft] = useState<RuleConfig[] | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [isReviewing, setReviewing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<UndoNotice | null>(null);
  const onToastDone = useCallback((result: { error?: string } | null) => {
    setNotice(null);
    if (result?.error) setError(result.error);
  }, []);

  // A draft lives only in this page: closing the tab, following a console link or switching policy asks first.
  const hasDraft = draft !== null && canonicalJson(draft) !== canonicalJson(rules.data?.rules ?? null);
  useLeaveGuard(hasDraft);
  useEffect(() => onDraft(hasDraft), [hasDraft, onDraft]);

  if (rules.isPending) return <LoadingRows label="Loading rules" />;
  if (rules.isError) return <ErrorState message={rules.error.message} onRetry={() => rules.refetch()} />;
  const { rules: saved, tiers } = rules.data;
  const list = draft ?? saved;
  const summary = draft ? draftSummary(saved, draft) : "";
  const changedNames = new Set(draft ? draft.filter((r) => canonicalJson(r) !== canonicalJson(saved.find((s) => s.name === r.name))).map((r) => r.name) : []);

  function edit(next: RuleConfig[]) {
    setError(null);
    setDraft(next);
  }

  async function publish() {
    const res = await save.mutateAsync(draft!);
    setDraft(null);
    setNotice({ message: `Rules of ${policy} published.`, auditId: res.auditId });
  }

  return (
    <>
      <section aria-label="Rules" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-slate-500">First match wins; requests no rule catches go to the classifier. Tiers: {tiers.join(" → ")}.</p>
          <Button onClick={() => setEditing({ index: list.length, rule: null })}>Add rule</Button>
        </div>
        {error && <Alert variant="error">{error}</Alert>}
        {draft && (
          <div role="region" aria-label="Draft" className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
            <span className="mr-auto" data-testid="draft-status">
              {summary ? `Draft, not live yet: ${summary}.` : "Draft: no changes from what is live."}
            </span>
            <Button size="sm" variant="secondary" onClick={() => setDraft(null)}>
              Discard draft
            </Button>
            <Button size="sm" disabled={!summary} onClick={() => setReviewing(true)}>
              Review and publish
            </Button>
          </div>
        )}
        {list.length === 0 ? (
          <EmptyState title="No rules in this policy" action={<Button onClick={() => setEditing({ index: 0, rule: null })}>Add the first rule</Button>}>
            Rules send known kinds of requests straight to a tier: a category, keywords, a regex or FAQ phrasings.
          </EmptyState>
        ) : (
          <RulesList
            rules={list}
            changedNames={changedNames}
            onMove={(from, to) => to >= 0 && to < list.length && edit(moveItem(list, from, to))}
            onToggle={(i) => edit(list.map((r, k) => (k === i ? { ...r, enabled: !r.enabled } : r)))}
            onEdit={(i) => setEditing({ index: i, rule: list[i]! })}
            onDelete={(i) => edit(list.filter((_, k) => k !== i))}
          />
        )}
        <p className="text-xs text-slate-500">Reorder: drag a rule, or focus it and press Alt+↑ / Alt+↓. Changes collect in a draft; nothing is live until you review and publish it.</p>
      </section>
      <TestBench policy={policy} policyTiers={tiers} draft={draft} />
      {editing && (
        <RuleEditorDialog
          key={`${editing.index}-${editing.rule?.name ?? "new"}`}
          rule={editing.rule}
          policyTiers={tiers}
          otherNames={list.filter((_, i) => !(editing.rule && i === editing.index)).map((r) => r.name)}
          onSave={(rule) => {
            const next = [...list];
            if (editing.rule) next[editing.index] = rule;
            else next.push(rule);
            edit(next);
          }}
          onClose={() => setEditing(null)}
        />
      )}
      {isReviewing && draft && <RulesReviewDialog policy={policy} saved={saved} draft={draft} onPublish={publish} onClose={() => setReviewing(false)} />}
      <UndoToast notice={notice} onDone={onToastDone} />
    </>
  );
}
