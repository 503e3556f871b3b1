"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { UndoToast, type UndoNotice } from "@/components/audit/undo-toast";
import { impactSentence, useTrafficImpact } from "@/components/audit/use-traffic-impact";
import { ConfirmDialog } from "@/components/config/confirm-dialog";
import { PolicyPicker } from "@/components/config/policy-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import type { RuleConfig } from "@/lib/routing/config-schema";
import { moveItem } from "./rule-form";
import { RuleEditorDialog } from "./rule-editor-dialog";
import { RulesList } from "./rules-list";
import { TestBench } from "./test-bench";
import { useRules, useSaveRules } from "./use-rules";

/** Pick a policy; edit its ordered rules on the left, test decisions on the right. */
export function RulesWorkspace({ policies, initialPolicy }: { policies: string[]; initialPolicy: string | null }) {
  const router = useRouter();
  const [policy, setPolicy] = useState(initialPolicy ?? policies[0] ?? null);

  if (!policy) {
    return <EmptyState title="No policies yet">Create a policy (for example with `npx frontdesk config apply`) to give it rules.</EmptyState>;
  }
  return (
    <div className="space-y-4">
      <PolicyPicker
        policies={policies}
        value={policy}
        onChange={(next) => {
          setPolicy(next);
          router.replace(`/rules?policy=${encodeURIComponent(next)}`, { scroll: false });
        }}
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <PolicyRules key={policy} policy={policy} />
      </div>
    </div>
  );
}

type Editing = { index: number; rule: RuleConfig | null } | null;

function PolicyRules({ policy }: { policy: string }) {
  const rules = useRules(policy);
  const save = useSaveRules(policy);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Switching a rule on or off changes live routing: confirmed with its traffic, then Undo.
  const [toggling, setToggling] = useState<number | null>(null);
  const [notice, setNotice] = useState<UndoNotice | null>(null);
  const impact = useTrafficImpact(toggling !== null ? { policy } : null);
  const onToastDone = useCallback((result: { error?: string } | null) => {
    setNotice(null);
    if (result?.error) setError(result.error);
  }, []);

  if (rules.isPending) return <LoadingRows label="Loading rules" />;
  if (rules.isError) return <ErrorState message={rules.error.message} onRetry={() => rules.refetch()} />;
  const { rules: list, tiers } = rules.data;

  function saveList(next: RuleConfig[]) {
    setError(null);
    save.mutate(next, { onError: (e) => setError(`Not saved: ${e.message}`) });
  }

  async function toggle(i: number) {
    const rule = list[i]!;
    const res = await save.mutateAsync(list.map((r, k) => (k === i ? { ...r, enabled: !r.enabled } : r)));
    setNotice({ message: `Rule ${rule.name} switched ${rule.enabled ? "off" : "on"}.`, auditId: res.auditId });
  }

  async function saveRule(rule: RuleConfig) {
    const next = [...list];
    if (editing?.rule) next[editing.index] = rule;
    else next.push(rule);
    await save.mutateAsync(next);
  }

  return (
    <>
      <section aria-label="Rules" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-slate-500">First match wins; requests no rule catches go to the classifier. Tiers: {tiers.join(" → ")}.</p>
          <Button onClick={() => setEditing({ index: list.length, rule: null })}>Add rule</Button>
        </div>
        {error && <Alert variant="error">{error}</Alert>}
        {list.length === 0 ? (
          <EmptyState title="No rules in this policy" action={<Button onClick={() => setEditing({ index: 0, rule: null })}>Add the first rule</Button>}>
            Rules send known kinds of requests straight to a tier: a category, keywords, a regex or FAQ phrasings.
          </EmptyState>
        ) : (
          <RulesList
            rules={list}
            onMove={(from, to) => to >= 0 && to < list.length && saveList(moveItem(list, from, to))}
            onToggle={setToggling}
            onEdit={(i) => setEditing({ index: i, rule: list[i]! })}
            onDelete={setDeleting}
          />
        )}
        <p className="text-xs text-slate-500">Reorder: drag a rule, or focus it and press Alt+↑ / Alt+↓. Every change is saved at once and audited.</p>
      </section>
      <TestBench policy={policy} policyTiers={tiers} />
      {editing && (
        <RuleEditorDialog
          key={`${editing.index}-${editing.rule?.name ?? "new"}`}
          rule={editing.rule}
          index={editing.index}
          policyTiers={tiers}
          otherNames={list.filter((_, i) => !(editing.rule && i === editing.index)).map((r) => r.name)}
          onSave={saveRule}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        open={toggling !== null}
        title={`Switch rule ${toggling !== null ? list[toggling]?.name ?? "" : ""} ${toggling !== null && list[toggling]?.enabled ? "off" : "on"}?`}
        confirmLabel={toggling !== null && list[toggling]?.enabled ? "Switch off" : "Switch on"}
        onConfirm={() => toggle(toggling!)}
        onClose={() => setToggling(null)}
      >
        <p>
          {toggling !== null && list[toggling]?.enabled
            ? `Requests it catches go to the next matching rule or to the classifier instead of ${list[toggling]?.tier}, within a second.`
            : `Requests it matches go to ${toggling !== null ? list[toggling]?.tier : ""} again, within a second.`}
        </p>
        <p data-testid="impact">{impactSentence(impact.data, impact.isPending)}</p>
        {impact.isError && <p className="text-amber-800">Could not count recent traffic: {impact.error.message}</p>}
      </ConfirmDialog>
      <UndoToast notice={notice} onDone={onToastDone} />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete rule ${deleting !== null ? list[deleting]?.name ?? "" : ""}?`}
        confirmLabel="Delete rule"
        tone="danger"
        onConfirm={() => save.mutateAsync(list.filter((_, i) => i !== deleting))}
        onClose={() => setDeleting(null)}
      >
        <p>Requests it catches today will go to the next matching rule or to the classifier.</p>
      </ConfirmDialog>
    </>
  );
}
