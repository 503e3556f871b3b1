"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/config/confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ClassifierVersion } from "./types";
import { useClassifierVersions, usePromoteClassifier, useRollbackClassifier } from "./use-classifiers";

const STATUS_BADGE = { candidate: { tone: "amber", text: "Candidate" }, active: { tone: "green", text: "Active" }, retired: { tone: "slate", text: "Retired" }, discarded: { tone: "slate", text: "Discarded" } } as const;

/** The version's status, Promote (a candidate) and Roll back (the policy's active classifier), each confirmed. */
export function ClassifierActions({ version, policy }: { version: ClassifierVersion; policy: string }) {
  const versions = useClassifierVersions(policy);
  const promote = usePromoteClassifier();
  const rollback = useRollbackClassifier();
  const [dialog, setDialog] = useState<"promote" | "rollback" | null>(null);
  const active = versions.data?.find((v) => v.status === "active") ?? null;
  const badge = STATUS_BADGE[version.status];

  return (
    <div className="flex flex-wrap items-center gap-2">
      <span data-testid="classifier-status">
        <Badge tone={badge.tone}>{badge.text}</Badge>
      </span>
      {version.status === "candidate" && <Button onClick={() => setDialog("promote")}>Promote</Button>}
      <Button variant="secondary" disabled={!active} title={active ? undefined : "The policy uses the built-in scorer: nothing to roll back."} onClick={() => setDialog("rollback")}>
        Roll back
      </Button>
      <ConfirmDialog
        open={dialog === "promote"}
        title={`Promote ${version.name}?`}
        confirmLabel="Promote"
        onConfirm={() => promote.mutateAsync(version.id)}
        onClose={() => setDialog(null)}
      >
        <p>
          Policy <strong>{policy}</strong> will route with this classifier from now on, on every gateway instance within a second. The current one (
          {active?.name ?? "the built-in scorer"}) is retired; Roll back restores it.
        </p>
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
          {active ? <><strong>{active.name}</strong> stops routing</> : "The active classifier stops routing"} for policy <strong>{policy}</strong>; the version that was active before it
          (or the built-in scorer, if none) takes over.
        </p>
      </ConfirmDialog>
    </div>
  );
}
