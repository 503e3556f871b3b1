"use client";

import { useState } from "react";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { ALERT_KIND_LABELS, ALERT_KINDS } from "@/lib/alerts/alert-message";
import { CHANNEL_KIND_LABELS, CHANNEL_KINDS, type ChannelKind } from "@/lib/alerts/channel-schemas";
import type { ChannelFormErrors } from "./channel-form";

const TARGET: Record<ChannelKind, { label: string; placeholder: string; hint: string }> = {
  webhook: { label: "URL", placeholder: "https://hooks.example.com/frontdesk", hint: "Receives a signed JSON POST per alert (README: Alerts)." },
  slack: { label: "Incoming-webhook URL", placeholder: "https://hooks.slack.com/services/…", hint: "Slack, or any service taking Slack's {text} webhooks." },
  email: { label: "Email addresses", placeholder: "oncall@example.com, ops@example.com", hint: "Comma-separated, at most 10. Sent through SMTP_URL." },
};

export type ChannelDefaults = { name: string; kind: ChannelKind; target: string; enabled: boolean; kinds: string[]; secretHint: string | null };

/** The fields of the create and edit forms; the kind is fixed once a channel exists. */
export function ChannelFields({ errors, defaults, isEditing }: { errors: ChannelFormErrors; defaults: ChannelDefaults; isEditing: boolean }) {
  const [kind, setKind] = useState<ChannelKind>(defaults.kind);
  const target = TARGET[kind];
  const receivesAll = defaults.kinds.length === 0;
  return (
    <>
      <Field label="Name" error={errors.name}>
        {(ids) => <TextInput id={ids.id} name="name" defaultValue={defaults.name} invalid={!!errors.name} aria-describedby={ids.describedBy} required maxLength={80} />}
      </Field>
      <Field label="Kind" error={errors.kind} hint={isEditing ? "A channel's kind cannot change; add another channel instead." : undefined}>
        {(ids) => (
          <SelectInput id={ids.id} name="kind" value={kind} onChange={(e) => setKind(e.target.value as ChannelKind)} disabled={isEditing} aria-describedby={ids.describedBy}>
            {CHANNEL_KINDS.map((k) => (
              <option key={k} value={k}>
                {CHANNEL_KIND_LABELS[k]}
              </option>
            ))}
          </SelectInput>
        )}
      </Field>
      <Field label={target.label} error={errors.target} hint={target.hint}>
        {(ids) => <TextInput id={ids.id} name="target" defaultValue={defaults.target} placeholder={target.placeholder} invalid={!!errors.target} aria-describedby={ids.describedBy} required />}
      </Field>
      {kind === "webhook" && (
        <Field
          label="Signing secret"
          error={errors.secret}
          hint={isEditing && defaults.secretHint ? `Stored (${defaults.secretHint}); leave empty to keep it.` : "At least 16 characters; the receiver verifies X-Frontdesk-Signature with it."}
        >
          {(ids) => <TextInput id={ids.id} name="secret" type="password" autoComplete="new-password" invalid={!!errors.secret} aria-describedby={ids.describedBy} />}
        </Field>
      )}
      <fieldset className="space-y-1" aria-describedby={errors.kinds ? "channel-kinds-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">Alerts it receives</legend>
        {ALERT_KINDS.map((k) => (
          <label key={k} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="kinds" value={k} defaultChecked={receivesAll || defaults.kinds.includes(k)} className="size-4 rounded border-slate-300" />
            {ALERT_KIND_LABELS[k]}
          </label>
        ))}
        {errors.kinds && (
          <p id="channel-kinds-error" className="text-sm text-red-600">
            {errors.kinds}
          </p>
        )}
      </fieldset>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="enabled" defaultChecked={defaults.enabled} className="size-4 rounded border-slate-300" />
        Enabled
      </label>
    </>
  );
}
