"use client";

import { Toast as ToastPrimitive } from "radix-ui";
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

type Toast = { id: number; title: string; tone: "success" | "error" };

const ToastContext = createContext<(title: string, tone?: Toast["tone"]) => void>(() => undefined);

/** Short confirmations ("Copied", "Saved") that announce themselves politely and leave after 4 s. */
export function useToast() {
  return useContext(ToastContext);
}

/**
 * Radix Toast: a live region read out by screen readers, F8 moves focus to the viewport, swipe or
 * Escape dismisses, a hovered toast stays. One provider for the console (components/providers).
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const show = useCallback((title: string, tone: Toast["tone"] = "success") => setToasts((list) => [...list.slice(-2), { id: Date.now() + Math.random(), title, tone }]), []);
  return (
    <ToastContext.Provider value={show}>
      <ToastPrimitive.Provider duration={4000} label="Notification">
        {children}
        {toasts.map((t) => (
          <ToastPrimitive.Root
            key={t.id}
            type={t.tone === "error" ? "foreground" : "background"}
            onOpenChange={(open) => !open && setToasts((list) => list.filter((x) => x.id !== t.id))}
            className={`flex items-center justify-between gap-3 rounded-md px-4 py-3 text-sm shadow-lg ring-1 ${t.tone === "error" ? "bg-red-50 text-red-800 ring-red-200" : "bg-white text-slate-900 ring-slate-200"}`}
          >
            <ToastPrimitive.Title>{t.title}</ToastPrimitive.Title>
            <ToastPrimitive.Close aria-label="Dismiss" className="rounded px-1 text-slate-500 hover:text-slate-900">
              ×
            </ToastPrimitive.Close>
          </ToastPrimitive.Root>
        ))}
        <ToastPrimitive.Viewport className="fixed bottom-4 right-4 z-[60] flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2 outline-none" />
      </ToastPrimitive.Provider>
    </ToastContext.Provider>
  );
}
