"use client";

import { useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";

type Props = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: "primary" | "danger";
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
};

/** Asks before a consequential change; shows the server's refusal (e.g. a 409) in place. */
export function ConfirmDialog({ open, title, children, confirmLabel, tone = "primary", onConfirm, onClose }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);

  function close() {
    setError(null);
    onClose();
  }

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      close();
    } catch (e) {
      setError(e instanceof Error ? e.message : "That did not work.");
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog open={open} onClose={close} title={title}>
      <div className="space-y-4 text-sm text-slate-700">
        {error && <Alert variant="error">{error}</Alert>}
        {children}
        <DialogActions label={confirmLabel} onCancel={close} tone={tone} onConfirm={confirm} isPending={isPending} />
      </div>
    </Dialog>
  );
}
