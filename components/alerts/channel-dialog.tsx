"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import type { ChannelKind } from "@/lib/alerts/channel-schemas";
import { ApiError } from "@/lib/http/client-fetch";
import { ChannelFields, type ChannelDefaults } from "./channel-fields";
import { formValues, parseCreateForm, parseEditForm, type ChannelFormErrors } from "./channel-form";
import { useCreateChannel, useUpdateChannel, type ChannelRow } from "./use-alert-channels";

const NEW: ChannelDefaults = { name: "", kind: "webhook", target: "", enabled: true, kinds: [], secretHint: null };

/** Adds a channel (`channel` null, `open`) or edits one. */
export function ChannelDialog({ open, channel, onClose }: { open: boolean; channel: ChannelRow | null; onClose: () => void }) {
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const [errors, setErrors] = useState<ChannelFormErrors>({});

  function close() {
    setErrors({});
    onClose();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const parsed = channel ? parseEditForm(values) : parseCreateForm(values);
    if (!parsed.ok) return setErrors(parsed.errors);
    try {
      if (channel) await update.mutateAsync({ id: channel.id, patch: parsed.data });
      else await create.mutateAsync(parsed.data as Parameters<typeof create.mutateAsync>[0]);
      close();
    } catch (error) {
      if (error instanceof ApiError && error.issues.length) setErrors(Object.fromEntries(error.issues.map((i) => [i.path.split(".")[0], i.message])));
      else setErrors({ form: error instanceof Error ? error.message : "Could not save the channel." });
    }
  }

  const defaults: ChannelDefaults = channel
    ? { name: channel.name, kind: channel.kind as ChannelKind, target: channel.target, enabled: channel.enabled, kinds: channel.kinds, secretHint: channel.secretHint || null }
    : NEW;
  return (
    <Dialog open={open} onClose={close} title={channel ? `Edit ${channel.name}` : "Add alert channel"}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {errors.form && <Alert variant="error">{errors.form}</Alert>}
        <ChannelFields key={channel?.id ?? "new"} errors={errors} defaults={defaults} isEditing={!!channel} />
        <DialogActions label={channel ? "Save changes" : "Add channel"} onCancel={close} isPending={create.isPending || update.isPending} />
      </form>
    </Dialog>
  );
}
