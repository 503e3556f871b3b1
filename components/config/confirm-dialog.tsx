"use client";

import { AlertDialog } from "radix-ui";
import { useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { OVERLAY, PANEL, TITLE } from "@/components/ui/dialog";

type Props = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: "primary" | "danger";
  /** "lg" for a dialog that carries a table (the promote dialog's projected impact). */
  size?: "md" | "lg";
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
};

/**
 * Asks before a consequential change, on Radix's AlertDialog (role="alertdialog", focus starts on
 * Cancel, a click outside does not dismiss); shows the server's refusal (e.g. a 409) in place.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, tone = "primary", size = "md", onConfirm, onClose }: Props) {
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
    <AlertDialog.Root open={open} onOpenChange={(isOpen) => !isOpen && close()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={OVERLAY} />
        <AlertDialog.Content className={`${PANEL} ${size === "lg" ? "max-w-xl" : "max-w-md"}`}>
          <AlertDialog.Title className={TITLE}>{title}</AlertDialog.Title>
          <div className="mt-4 space-y-4 text-sm text-slate-700">
            {error && <Alert variant="error">{error}</Alert>}
            <AlertDialog.Description asChild>
              <div className="space-y-2">{children}</div>
            </AlertDialog.Description>
            <div className="flex justify-end gap-2 pt-2">
              <AlertDialog.Cancel asChild>
                <Button variant="secondary">Cancel</Button>
              </AlertDialog.Cancel>
              {/* Not AlertDialog.Action: that would close before the server has answered. */}
              <Button variant={tone} onClick={confirm} isLoading={isPending}>
                {confirmLabel}
              </Button>
            </div>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
