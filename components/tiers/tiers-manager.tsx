"use client";

import { useCallback, useState } from "react";
import { UndoToast, type UndoNotice } from "@/components/audit/undo-toast";
import { impactSentence, useTrafficImpact } from "@/components/audit/use-traffic-impact";
import { ConfirmDialog } from "@/components/config/confirm-dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import type { TierView } from "@/lib/config/tier-view";
import { TierFormDialog } from "./tier-form-dialog";
import { TiersTable } from "./tiers-table";
import { useDeleteTier, useReorderTiers, useTiers, useUpdateTier } from "./use-tiers";

type Editing = { tier: TierView | null } | null;

export function TiersManager() {
  const tiers = useTiers();
  const reorder = useReorderTiers();
  const updateTier = useUpdateTier();
  const deleteTier = useDeleteTier();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<TierView | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Live-routing changes are confirmed first (with the traffic they touch) and offer Undo after.
  const [toggling, setToggling] = useState<TierView | null>(null);
  const [moving, setMoving] = useState<{ name: string; order: string[]; other: string; delta: -1 | 1 } | null>(null);
  const [notice, setNotice] = useState<UndoNotice | null>(null);
  const impact = useTrafficImpact(toggling ? { tier: toggling.name } : null);
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
      {editing && <TierFormDialog key={editing.tier?.name ?? "new"} tier={editing.tier} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={!!toggling}
        title={`${toggling?.enabled ? "Disable" : "Enable"} tier ${toggling?.name ?? ""}?`}
        confirmLabel={toggling?.enabled ? "Disable tier" : "Enable tier"}
        tone={toggling?.enabled ? "danger" : "primary"}
        onConfirm={() => toggle(toggling!)}
        onClose={() => setToggling(null)}
      >
        <p>
          {toggling?.enabled
            ? `${toggling.name} stops receiving traffic in every policy within a second; requests it would get go to the next tier.`
            : `${toggling?.name ?? ""} receives traffic again in the policies that list it.`}
        </p>
        <p data-testid="impact">{impactSentence(impact.data, impact.isPending)}</p>
        {impact.isError && <p className="text-amber-800">Could not count recent traffic: {impact.error.message}</p>}
      </ConfirmDialog>
      <ConfirmDialog
        open={!!moving}
        title={`Move tier ${moving?.name ?? ""} ${moving?.delta === -1 ? "up" : "down"}?`}
        confirmLabel="Move tier"
        onConfirm={() => reorder.mutateAsync(moving!.order)}
        onClose={() => setMoving(null)}
      >
        <p>
          {moving?.name} and {moving?.other} swap places in the ranking (cheapest first), which decides where escalation goes next. Gateways reload within a second; the
          change can be reverted from the audit log.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={!!deleting}
        title={`Delete tier ${deleting?.name ?? ""}?`}
        confirmLabel="Delete tier"
        tone="danger"
        onConfirm={() => deleteTier.mutateAsync(deleting!.name)}
        onClose={() => setDeleting(null)}
      >
        <p>The tier and its stored API key are removed. Requests already logged keep its name.</p>
        {deleting?.usedBy.length ? <p className="text-amber-800">Listed by {deleting.usedBy.join(", ")}: the delete will be refused while any policy uses it.</p> : null}
      </ConfirmDialog>
      <UndoToast notice={notice} onDone={onToastDone} />
    </section>
  );
}
