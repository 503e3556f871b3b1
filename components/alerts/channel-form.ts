/**
 * The channel form → the API's input, validated with the server's zod schemas
 * (lib/alerts/channel-schemas). Editing: an empty secret keeps the stored one.
 */
import { ALERT_KINDS } from "@/lib/alerts/alert-message";
import { createChannelSchema, updateChannelSchema, type CreateChannelInput, type UpdateChannelInput } from "@/lib/alerts/channel-schemas";

export type ChannelFormErrors = Partial<Record<"name" | "kind" | "target" | "secret" | "kinds" | "form", string>>;
export type ChannelFormValues = { name: string; kind: string; target: string; secret: string; enabled: boolean; kinds: string[] };

function errorsOf(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): ChannelFormErrors {
  const errors: ChannelFormErrors = {};
  for (const issue of issues) errors[String(issue.path[0] ?? "form") as keyof ChannelFormErrors] ??= issue.message;
  return errors;
}

/** Every kind ticked is stored as [] ("all", so kinds added later are received too); none is refused. */
function kindsOf(v: ChannelFormValues): string[] | null {
  if (!v.kinds.length) return null;
  return v.kinds.length >= ALERT_KINDS.length ? [] : v.kinds;
}

const NO_KINDS: ChannelFormErrors = { kinds: "Choose at least one kind of alert." };

export function parseCreateForm(v: ChannelFormValues): { ok: true; data: CreateChannelInput } | { ok: false; errors: ChannelFormErrors } {
  const kinds = kindsOf(v);
  if (!kinds) return { ok: false, errors: NO_KINDS };
  const parsed = createChannelSchema.safeParse({ name: v.name, kind: v.kind, target: v.target, secret: v.secret || undefined, enabled: v.enabled, kinds });
  return parsed.success ? { ok: true, data: { ...parsed.data, secret: v.secret || undefined } } : { ok: false, errors: errorsOf(parsed.error.issues) };
}

export function parseEditForm(v: ChannelFormValues): { ok: true; data: UpdateChannelInput } | { ok: false; errors: ChannelFormErrors } {
  const kinds = kindsOf(v);
  if (!kinds) return { ok: false, errors: NO_KINDS };
  const parsed = updateChannelSchema.safeParse({ name: v.name, target: v.target, secret: v.secret || undefined, enabled: v.enabled, kinds });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: errorsOf(parsed.error.issues) };
}

export function formValues(form: HTMLFormElement): ChannelFormValues {
  const data = new FormData(form);
  const text = (k: string) => String(data.get(k) ?? "");
  return { name: text("name"), kind: text("kind"), target: text("target"), secret: text("secret"), enabled: data.get("enabled") === "on", kinds: data.getAll("kinds").map(String) };
}
