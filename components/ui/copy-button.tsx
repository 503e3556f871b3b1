"use client";

import { Button } from "./button";
import { useToast } from "./toast";

/** Copies `text` to the clipboard and says so in a toast; where copying is blocked, says that instead. */
export function CopyButton({ text, label, what }: { text: string; label: string; what: string }) {
  const toast = useToast();
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      toast(`Copied the ${what}.`);
    } catch {
      toast(`Copying is blocked here: select the ${what} and press Ctrl+C.`, "error");
    }
  }
  return (
    <Button variant="secondary" size="sm" onClick={copy}>
      {label}
    </Button>
  );
}
