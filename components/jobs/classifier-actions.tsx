"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/config/confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PromotionImpactPanel } from "./promotion-impact-panel";
import type { ClassifierVersion } from "./types";
import { useClassifierVersions, useDiscardClassifier, usePromoteClassifier, useRollbackClassifier } from "./use-classifiers";

const STATUS_BADGE = { candidate: { tone: "amber", text: "Candidate" }, active: { tone: "green", text: "Active" }, retired: { tone: "slate", text: "Retired" }, discarded: { tone: "slate", text: "Discarded" } } as const;

/**
 * The version's status and what can be done with it, each confirmed: a candidate offers Promote or
 * Discard, the active version Roll back, a retired or discarded one nothing.
 */
export function ClassifierActions({ version, policy }: { version: ClassifierVersion; policy: string }) {
  const versions = useClassifierVersions(policy);
  const promote = usePromoteClassifier();
  const rollback = useRollbackClassifier();
  const discard = useDiscardClassifier();
  const [dialog, setDialog] = useState<"promote" | "rollback" | "discard" | null>(null);
  const active = versions.data?.find((v) => v.status === "active") ?? null;
  const badge = STATUS_BADGE[version.status];

  return (
    <div className="flex flex-wrap items-center gap-2">
      <span data-testid="classifier-status">
        <Badge tone={badge.tone}>{badge.text}</Badge>
      </span>
      {version.status === "candidate" && (
        <>
          <Button onClick={() => setDialog("promote")}>Promote</Button>
          <Button variant="secondary" onClick={() => setDialog("discard")}>
            Discard
          </Button>
        </>
      )}
      {version.status === "active" && (
        <Button variant="secondary" onClick={() => setDialog("rollback")}>
          Roll back
        </Button>
      )}
      <ConfirmDialog
        open={dialog === "discard"}
        title={`Discard ${version.name}?`}
        confirmLabel="Discard"
        tone="danger"
        onConfirm={() => discard.mutateAsync(version.id)}
        onClose={() => setDialog(null)}
      >
        <p>
          This candidate is set aside and no longer offered for promotion. Routing does not change: policy <strong>{policy}</strong> keeps {active?.name ?? "the built-in scorer"}.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "promote"}
        title={`Promote ${version.name}?`}
        confirmLabel="Promote"
        size="lg"
        onConfirm={() => promote.mutateAsync(version.id)}
        onClose={() => setDialog(null)}
      >
        <p>
          Policy <strong>{policy}</strong> will route with this classifier from now on, on every gateway instance within a second. The current one (
          {active?.name ?? "the built-in scorer"}) is retired; Roll back restores it.
        </p>
        <PromotionImpactPanel versionId={version.id} isOpen={dialog === "promote"} />
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "rollback"}
        title={`Roll back ${policy}'s classifier?`}
        confirmLabel="Roll back"
        tone="danger"
        onConfirm={() => rollback.mutateAsync(policy)}
        onClose={() => setDialog(null)}
      >
        <p>
          <strong>{version.name}</strong> stops routing for policy <strong>{policy}</strong>; the version that was active before it
          (or the built-in scorer, if none) takes over.
        </p>
      </ConfirmDialog>
    </div>
  );
}
