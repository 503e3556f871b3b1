"use client";

import { Dialog as DialogPrimitive } from "radix-ui";
import type { ReactNode } from "react";

const SIZES = { md: "max-w-md", lg: "max-w-2xl" } as const;

export const OVERLAY = "fixed inset-0 z-40 bg-black/50";
export const PANEL =
  "fixed left-1/2 top-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl ring-1 ring-slate-200 focus:outline-none";
export const TITLE = "text-base font-semibold text-slate-900";

type Props = {
  open: boolean;
  onClose: () => void;
  title: string;
  /** A sentence under the title, read out with it (aria-describedby). */
  description?: ReactNode;
  size?: keyof typeof SIZES;
  children: ReactNode;
};

/**
 * A modal on Radix's Dialog: focus moves in and is trapped, Escape and a click outside close it,
 * the rest of the page is hidden from screen readers (and made inert) while it is open, and focus
 * returns to the button that opened it. Its content unmounts when closed.
 */
export function Dialog({ open, onClose, title, description, size = "md", children }: Props) {
  return (
    <DialogPrimitive.Root open={open} onOpenChange={(isOpen) => !isOpen && onClose()}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className={OVERLAY} />
        <DialogPrimitive.Content className={`${PANEL} ${SIZES[size]}`} {...(description ? {} : { "aria-describedby": undefined })}>
          <DialogPrimitive.Title className={TITLE}>{title}</DialogPrimitive.Title>
          {description && <DialogPrimitive.Description className="mt-1 text-sm text-slate-500">{description}</DialogPrimitive.Description>}
          <div className="mt-4">{children}</div>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
