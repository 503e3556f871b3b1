"use client";

import { ConfirmDialog } from "@/components/config/confirm-dialog";
import { useUpdateKey, type KeyRow } from "./use-keys";

/** Revoking asks first: it cannot be undone and breaks every application using the key. */
export function RevokeKeyDialog({ apiKey, onClose }: { apiKey: KeyRow | null; onClose: () => void }) {
  const updateKey = useUpdateKey();
  return (
    <ConfirmDialog
      open={!!apiKey}
      title={`Revoke ${apiKey?.name ?? "key"}?`}
      confirmLabel="Revoke key"
      tone="danger"
      onConfirm={() => updateKey.mutateAsync({ id: apiKey!.id, patch: { revoked: true } })}
      onClose={onClose}
    >
      <p>
        Applications using <code className="font-mono text-xs">{apiKey?.prefix}…</code> get <strong>401 Unauthorized</strong> within a second.
        A revoked key cannot be restored; create a new one if you need access again.
      </p>
    </ConfirmDialog>
  );
}
