"use client";

import { Tooltip as TooltipPrimitive } from "radix-ui";
import type { ReactElement } from "react";

/**
 * A short hint on hover and keyboard focus (Radix Tooltip: role="tooltip", wired by
 * aria-describedby, Escape hides it). The child must be focusable, e.g. a Button; the hint is
 * extra, never the control's only name.
 */
export function Tooltip({ content, children }: { content: string; children: ReactElement }) {
  return (
    <TooltipPrimitive.Provider delayDuration={300}>
      <TooltipPrimitive.Root>
        <TooltipPrimitive.Trigger asChild>{children}</TooltipPrimitive.Trigger>
        <TooltipPrimitive.Portal>
          <TooltipPrimitive.Content sideOffset={4} className="z-[70] max-w-xs rounded bg-slate-900 px-2 py-1 text-xs text-slate-50 shadow">
            {content}
          </TooltipPrimitive.Content>
        </TooltipPrimitive.Portal>
      </TooltipPrimitive.Root>
    </TooltipPrimitive.Provider>
  );
}
