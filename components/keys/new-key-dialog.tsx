"use client";

import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Tabs } from "@/components/ui/tabs";
import { clientSnippets, gatewayUrls } from "./client-snippets";

/**
 * The one and only view of a new key, with the gateway's base URL (this console's origin) and
 * ready client snippets. Closing drops the key from memory: the server keeps only its hash, so
 * it can never be shown again.
 */
export function NewKeyDialog({ created, onClose }: { created: { key: string; name: string } | null; onClose: () => void }) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const input = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created!.key);
      setCopied("copied");
    } catch {
      input.current?.select();
      setCopied("failed");
    }
  }

  function close() {
    setCopied("idle");
    onClose();
  }

  return (
    <Dialog open={!!created} onClose={close} title="Copy your new API key" size="lg">
      {created && (
        <div className="space-y-4 text-sm">
          <Alert variant="warning" role="note">
            <strong>This is the only time this key is shown.</strong> Store it in your secret manager now. Frontdesk keeps only a hash:
            if the key is lost, revoke it and create a new one.
          </Alert>
          <label htmlFor="new-api-key" className="block font-medium text-slate-700">
            API key “{created.name}”
          </label>
          <div className="flex gap-2">
            <input
              id="new-api-key"
              ref={input}
              readOnly
              value={created.key}
              onFocus={(e) => e.currentTarget.select()}
              className="block w-full rounded-md border-0 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-inset ring-slate-300"
            />
            <Button variant="secondary" onClick={copy}>
              {copied === "copied" ? "Copied" : "Copy key"}
            </Button>
          </div>
          <p aria-live="polite" className="text-xs text-slate-500">
            {copied === "copied" ? "Copied to the clipboard." : copied === "failed" ? "Copying is blocked here: the key is selected, press Ctrl+C." : "Use it as the Bearer token (the OpenAI SDK's apiKey)."}
          </p>
          <BaseUrl />
          <Tabs
            label="Client code"
            tabs={clientSnippets(window.location.origin, created.key).map((snippet) => ({
              value: snippet.value,
              label: snippet.label,
              content: (
                <div className="space-y-2">
                  <pre className="max-h-64 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-900 ring-1 ring-inset ring-slate-200" tabIndex={0}>
                    {snippet.code}
                  </pre>
                  <CopyButton text={snippet.code} label={`Copy ${snippet.label} example`} what={`${snippet.label} example`} />
                </div>
              ),
            }))}
          />
          <div className="flex justify-end">
            <Button onClick={close}>I have stored the key</Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** The gateway's base URLs as a client sees them from here (the console and gateway share an origin). */
function BaseUrl() {
  const urls = gatewayUrls(window.location.origin);
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">
      <dt className="font-medium text-slate-700">Base URL (OpenAI clients)</dt>
      <dd className="break-all font-mono text-slate-900" data-testid="gateway-base-url">
        {urls.openai}
      </dd>
      <dt className="font-medium text-slate-700">Base URL (Anthropic clients)</dt>
      <dd className="break-all font-mono text-slate-900">{urls.anthropic}</dd>
    </dl>
  );
}
