"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { CreateKeyDialog } from "./create-key-dialog";
import { EditKeyDialog } from "./edit-key-dialog";
import { KeysTable } from "./keys-table";
import { NewKeyDialog } from "./new-key-dialog";
import { RevokeKeyDialog } from "./revoke-key-dialog";
import { useKeys, type KeyRow } from "./use-keys";

export function KeysManager() {
  const [page, setPage] = useState(1);
  const [showRevoked, setShowRevoked] = useState(false);
  const [isCreating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [editing, setEditing] = useState<KeyRow | null>(null);
  const [revoking, setRevoking] = useState<KeyRow | null>(null);
  const keys = useKeys({ page, showRevoked });

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={showRevoked}
            onChange={(e) => {
              setShowRevoked(e.target.checked);
              setPage(1);
            }}
            className="size-4 rounded border-slate-300"
          />
          Show revoked keys
        </label>
        <Button onClick={() => setCreating(true)}>Create key</Button>
      </div>
      {keys.isPending ? (
        <LoadingRows label="Loading API keys" />
      ) : keys.isError ? (
        <ErrorState message={keys.error.message} onRetry={() => keys.refetch()} />
      ) : keys.data.items.length === 0 ? (
        <EmptyState title="No API keys yet" action={<Button onClick={() => setCreating(true)}>Create key</Button>}>
          Applications call the gateway with a key, like an OpenAI key. Each key can have its own policy and monthly budget.
        </EmptyState>
      ) : (
        <>
          <KeysTable keys={keys.data.items} onEdit={setEditing} onRevoke={setRevoking} />
          <Pagination page={page} pageSize={keys.data.pageSize} total={keys.data.total} onPage={setPage} />
        </>
      )}
      <CreateKeyDialog
        open={isCreating}
        onClose={() => setCreating(false)}
        onCreated={(key, apiKey) => {
          setCreating(false);
          setCreated({ key, name: apiKey.name });
        }}
      />
      <NewKeyDialog created={created} onClose={() => setCreated(null)} />
      <EditKeyDialog apiKey={editing} onClose={() => setEditing(null)} />
      <RevokeKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} />
    </section>
  );
}
