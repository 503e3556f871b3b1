"use client";

import { useCallback, useState } from "react";
import { UndoToast, type UndoNotice } from "@/components/audit/undo-toast";
import { ChangeList } from "@/components/audit/change-list";
import { ConfirmDialog } from "@/components/config/confirm-dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import type { TierView } from "@/lib/config/tier-view";
import { TierFormDialog } from "./tier-form-dialog";
import { TierImpact } from "./tier-impact";
import { TiersTable } from "./tiers-table";
import { useDeleteTier, useReorderTiers, useTiers, useUpdateTier } from "./use-tiers";

type Editing = { tier: TierView | null } | null;

const hasSecrets = (tier: TierView) => !!tier.credentialHint || Object.keys(tier.headerHints).length > 0 || Object.keys(tier.deploymentKeyHints).length > 0;

export function TiersManager() {
  const tiers = useTiers();
  const reorder = useReorderTiers();
  const updateTier = useUpdateTier();
  const deleteTier = useDeleteTier();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<TierView | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Live-routing changes are reviewed first (diff + the traffic they touch), then published, with Undo after.
  const [toggling, setToggling] = useState<TierView | null>(null);
  const [moving, setMoving] = useState<{ name: string; order: string[]; other: string; delta: -1 | 1 } | null>(null);
  const [notice, setNotice] = useState<UndoNotice | null>(null);
  const onToastDone = useCallback((result: { error?: string } | null) => {
    setNotice(null);
    if (result?.error) setError(result.error);
  }, []);

  function move(name: string, delta: -1 | 1) {
    const order = (tiers.data ?? []).map((t) => t.name);
    const from = order.indexOf(name);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= order.length) return;
    const other = order[to]!;
    [order[from], order[to]] = [other, order[from]!];
    setError(null);
    setMoving({ name, order, other, delta });
  }

  async function toggle(tier: TierView) {
    const res = await updateTier.mutateAsync({ name: tier.name, patch: { enabled: !tier.enabled } });
    setNotice({ message: `Tier ${tier.name} ${tier.enabled ? "disabled" : "enabled"}.`, auditId: res.auditId });
  }

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-500">
          Ranked cheapest first. Policies list the tiers they use in their own order; disabling a tier takes it out of every policy at once.
        </p>
        <Button onClick={() => setEditing({ tier: null })}>Add tier</Button>
      </div>
      {error && <Alert variant="error">{error}</Alert>}
      {tiers.isPending ? (
        <LoadingRows label="Loading tiers" />
      ) : tiers.isError ? (
        <ErrorState message={tiers.error.message} onRetry={() => tiers.refetch()} />
      ) : tiers.data.length === 0 ? (
        <EmptyState title="No tiers yet" action={<Button onClick={() => setEditing({ tier: null })}>Add the first tier</Button>}>
          A tier is one upstream model with its prices. Add a cheap one and a capable one, then route between them in a policy.
        </EmptyState>
      ) : (
        <TiersTable tiers={tiers.data} onMove={move} onEdit={(tier) => setEditing({ tier })} onToggle={setToggling} onDelete={setDeleting} />
      )}
      {editing && (
        <TierFormDialog
          key={editing.tier?.name ?? "new"}
          tier={editing.tier}
          onClose={() => setEditing(null)}
          onPublished={({ message, auditId }) => auditId && setNotice({ message, auditId })}
        />
      )}
      <ConfirmDialog
        open={!!toggling}
        title={`Review: ${toggling?.enabled ? "disable" : "enable"} tier ${toggling?.name ?? ""}`}
        confirmLabel="Publish"
        tone={toggling?.enabled ? "danger" : "primary"}
        onConfirm={() => toggle(toggling!)}
        onClose={() => setToggling(null)}
      >
        <p>
          {toggling?.enabled
            ? `${toggling.name} stops receiving traffic in every policy within a second; requests it would get go to the next tier.`
            : `${toggling?.name ?? ""} receives traffic again in the policies that list it.`}
        </p>
        {toggling && <ChangeList before={{ enabled: toggling.enabled }} after={{ enabled: !toggling.enabled }} label="Changes in this draft" />}
        {toggling && <TierImpact tier={toggling.name} />}
      </ConfirmDialog>
      <ConfirmDialog
        open={!!moving}
        title={`Review: move tier ${moving?.name ?? ""} ${moving?.delta === -1 ? "up" : "down"}`}
        confirmLabel="Publish"
        onConfirm={async () => {
          const res = await reorder.mutateAsync(moving!.order);
          setNotice({ message: `Tier ${moving!.name} moved ${moving!.delta === -1 ? "up" : "down"}.`, auditId: res.auditId });
        }}
        onClose={() => setMoving(null)}
      >
        <p>
          {moving?.name} and {moving?.other} swap places in the ranking (cheapest first), which decides where escalation goes next. Gateways reload within a second; the
          change can be reverted from the audit log.
        </p>
        {moving && <ChangeList before={{ order: (tiers.data ?? []).map((t) => t.name) }} after={{ order: moving.order }} label="Changes in this draft" />}
      </ConfirmDialog>
      <ConfirmDialog
        open={!!deleting}
        title={`Review: delete tier ${deleting?.name ?? ""}`}
        confirmLabel="Publish delete"
        tone="danger"
        onConfirm={async () => {
          const res = await deleteTier.mutateAsync(deleting!.name);
          // A tier with write-only secrets cannot be restored (its key went with it): no Undo then.
          if (!hasSecrets(deleting!)) setNotice({ message: `Tier ${deleting!.name} deleted.`, auditId: res.auditId });
        }}
        onClose={() => setDeleting(null)}
      >
        <p>The tier and its stored API key are removed. Requests already logged keep its name.</p>
        {deleting?.usedBy.length ? <p className="text-amber-800">Listed by {deleting.usedBy.join(", ")}: the delete will be refused while any policy uses it.</p> : null}
        {deleting && <TierImpact tier={deleting.name} />}
        <p>
          {deleting && hasSecrets(deleting)
            ? "It is recorded in the audit log, but cannot be undone: its stored keys and headers are write-only and go with it."
            : "It is recorded in the audit log and can be undone there."}
        </p>
      </ConfirmDialog>
      <UndoToast notice={notice} onDone={onToastDone} />
    </section>
  );
}
