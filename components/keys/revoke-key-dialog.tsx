"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useUpdateKey, type KeyRow } from "./use-keys";

/** Revoking asks first: it cannot be undone and breaks every application using the key. */
export function RevokeKeyDialog({ apiKey, onClose }: { apiKey: KeyRow | null; onClose: () => void }) {
  const updateKey = useUpdateKey();
  const [error, setError] = useState<string | null>(null);

  function close() {
    setError(null);
    onClose();
  }

  async function revoke() {
    if (!apiKey) return;
    try {
      await updateKey.mutateAsync({ id: apiKey.id, patch: { revoked: true } });
      close();
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not revoke the key.");
    }
  }

  return (
    <Dialog open={!!apiKey} onClose={close} title={`Revoke ${apiKey?.name ?? "key"}?`}>
      {apiKey && (
        <div className="space-y-4 text-sm text-slate-700">
          {error && <Alert variant="error">{error}</Alert>}
          <p>
            Applications using <code className="font-mono text-xs">{apiKey.prefix}…</code> get <strong>401 Unauthorized</strong> within a second.
            A revoked key cannot be restored; create a new one if you need access again.
          </p>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button variant="danger" onClick={revoke} isLoading={updateKey.isPending}>
              Revoke key
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
