"use client";

import { Dialog } from "radix-ui";
import { useState } from "react";
import { NavLinks } from "./nav-links";

/**
 * Below the md breakpoint the sidebar becomes a "Menu" button that opens the same links in a
 * sheet from the left (Radix Dialog: focus trapped, Escape closes, focus returns to the button).
 * Following a link closes it.
 */
export function MobileNav({ items }: { items: ReadonlyArray<{ href: string; label: string }> }) {
  const [isOpen, setOpen] = useState(false);
  return (
    <Dialog.Root open={isOpen} onOpenChange={setOpen}>
      <Dialog.Trigger className="inline-flex h-9 items-center gap-2 rounded-md px-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 md:hidden">
        <svg aria-hidden viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
          <path d="M3 5h14M3 10h14M3 15h14" />
        </svg>
        Menu
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50 md:hidden" />
        <Dialog.Content aria-describedby={undefined} className="fixed inset-y-0 left-0 z-50 w-72 max-w-[85vw] overflow-y-auto bg-white shadow-xl ring-1 ring-slate-200 focus:outline-none md:hidden">
          <div className="flex h-14 items-center justify-between border-b border-slate-200 px-4">
            <Dialog.Title className="text-sm font-semibold text-slate-900">Menu</Dialog.Title>
            <Dialog.Close className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100">Close</Dialog.Close>
          </div>
          <NavLinks items={items} onNavigate={() => setOpen(false)} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
