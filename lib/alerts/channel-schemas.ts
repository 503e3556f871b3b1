/**
 * An alert channel as the console and POST/PATCH /api/admin/alert-channels take it. Pure: the
 * form validates with the same schema. Targets: an http(s) URL without credentials for webhook
 * and Slack channels (private addresses are allowed, as for tiers' upstream URLs: Frontdesk is
 * self-hosted and receivers often live on the same network; only admins configure channels),
 * 1–10 comma-separated addresses for email. A webhook needs a signing secret (16–200 characters).
 */
import { z } from "zod";
import { ALERT_KINDS } from "./alert-message";

export const CHANNEL_KINDS = ["webhook", "slack", "email"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CHANNEL_KIND_LABELS: Record<ChannelKind, string> = { webhook: "Webhook (signed JSON)", slack: "Slack incoming webhook", email: "Email (SMTP)" };

const EMAIL = z.email();

/** The problem with `target` for a channel of `kind`, or null. */
export function targetProblem(kind: ChannelKind, target: string): string | null {
  if (kind === "email") {
    const addresses = target.split(",").map((a) => a.trim()).filter(Boolean);
    if (!addresses.length) return "Enter at least one email address.";
    if (addresses.length > 10) return "At most 10 addresses.";
    const bad = addresses.find((a) => !EMAIL.safeParse(a).success);
    return bad ? `Not an email address: ${bad}` : null;
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return "Enter a full URL, like https://hooks.example.com/frontdesk.";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "Use an http:// or https:// URL.";
  if (url.username || url.password) return "Put no user name or password in the URL; a webhook authenticates by its signature.";
  return null;
}

const name = z.string().trim().min(1, "Enter a name.").max(80, "At most 80 characters.");
const target = z.string().trim().min(1, "Enter where to send alerts.").max(2000, "At most 2000 characters.");
const secret = z.string().min(16, "At least 16 characters.").max(200, "At most 200 characters.");
const kinds = z.array(z.enum(ALERT_KINDS)).max(ALERT_KINDS.length).transform((k) => [...new Set(k)]);

export const createChannelSchema = z
  .strictObject({ name, kind: z.enum(CHANNEL_KINDS), target, secret: secret.optional(), enabled: z.boolean().default(true), kinds: kinds.default([]) })
  .superRefine((c, ctx) => {
    const problem = targetProblem(c.kind, c.target);
    if (problem) ctx.addIssue({ code: "custom", path: ["target"], message: problem });
    if (c.kind === "webhook" && !c.secret) ctx.addIssue({ code: "custom", path: ["secret"], message: "A webhook needs a signing secret (at least 16 characters)." });
  });

/** A change: what it names. `secret`: a string replaces it, null removes it (not for webhooks). */
export const updateChannelSchema = z.strictObject({ name: name.optional(), target: target.optional(), secret: secret.nullable().optional(), enabled: z.boolean().optional(), kinds: kinds.optional() });

export type CreateChannelInput = z.input<typeof createChannelSchema>;
export type UpdateChannelInput = z.input<typeof updateChannelSchema>;
