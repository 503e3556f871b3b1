"use client";

import { useState } from "react";
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

  function move(name: string, delta: -1 | 1) {
    const order = (tiers.data ?? []).map((t) => t.name);
    const from = order.indexOf(name);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= order.length) return;
    [order[from], order[to]] = [order[to]!, order[from]!];
    setError(null);
    reorder.mutate(order, { onError: (e) => setError(`Could not reorder: ${e.message}`) });
  }

  function toggle(tier: TierView) {
    setError(null);
    updateTier.mutate({ name: tier.name, patch: { enabled: !tier.enabled } }, { onError: (e) => setError(`${tier.name}: ${e.message}`) });
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
        <TiersTable tiers={tiers.data} onMove={move} onEdit={(tier) => setEditing({ tier })} onToggle={toggle} onDelete={setDeleting} />
      )}
      {editing && <TierFormDialog key={editing.tier?.name ?? "new"} tier={editing.tier} onClose={() => setEditing(null)} />}
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
    </section>
  );
}
