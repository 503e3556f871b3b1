/**
 * One attempt to send a message to a channel. Never throws: the outcome says sent or why not.
 *   webhook: POST the message as JSON; X-Frontdesk-Signature: sha256=<hex HMAC-SHA256 of the raw
 *            body with the channel's secret>, X-Frontdesk-Timestamp (unix seconds, also `sentAt`
 *            in the signed body), X-Frontdesk-Delivery (the message id, for deduplication)
 *   slack:   POST {text} to the incoming-webhook URL
 *   email:   nodemailer over SMTP_URL, from SMTP_FROM, to the channel's addresses
 * Redirects are not followed (a 3xx is a failure that says so), each attempt has a timeout, and
 * the receiver's answer text is not kept: only its status (no reading other hosts through the log).
 */
import { createHmac } from "node:crypto";
import nodemailer from "nodemailer";
import type { OpenAlertChannel } from "../db/alert-channel-repo";
import { env } from "../env";
import { subjectOf, textOf, type AlertMessage } from "./alert-message";

export const SEND_TIMEOUT_MS = 10_000;

export type SendOutcome = { ok: true } | { ok: false; error: string };

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<SendOutcome> {
  try {
    const res = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", "user-agent": "Frontdesk-Alerts", ...headers }, redirect: "manual", signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return { ok: true };
    if (res.status >= 300 && res.status < 400) return { ok: false, error: `HTTP ${res.status}: redirects are not followed; use the final URL` };
    return { ok: false, error: `HTTP ${res.status}` };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    if (e.name === "TimeoutError") return { ok: false, error: `timeout after ${SEND_TIMEOUT_MS / 1000} s` };
    return { ok: false, error: `connection failed${e.cause?.code ? ` (${e.cause.code})` : ""}` };
  }
}

async function sendEmail(to: string, message: AlertMessage): Promise<SendOutcome> {
  const { SMTP_URL, SMTP_FROM } = env();
  if (!SMTP_URL) return { ok: false, error: "SMTP_URL is not set: email channels need an SMTP server" };
  const transport = nodemailer.createTransport({ url: SMTP_URL, connectionTimeout: SEND_TIMEOUT_MS, greetingTimeout: SEND_TIMEOUT_MS, socketTimeout: SEND_TIMEOUT_MS });
  try {
    await transport.sendMail({ from: SMTP_FROM, to, subject: subjectOf(message), text: textOf(message) });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: `SMTP: ${(error as Error).message.slice(0, 300)}` };
  } finally {
    transport.close();
  }
}

export async function sendAlert(channel: OpenAlertChannel, message: AlertMessage, now = new Date()): Promise<SendOutcome> {
  if (channel.kind === "email") return sendEmail(channel.target, message);
  if (channel.kind === "slack") return post(channel.target, JSON.stringify({ text: textOf(message) }), {});
  const timestamp = Math.floor(now.getTime() / 1000);
  const body = JSON.stringify({ ...message, sentAt: now.toISOString() });
  const headers: Record<string, string> = { "x-frontdesk-timestamp": String(timestamp), "x-frontdesk-delivery": message.id };
  if (channel.secret) headers["x-frontdesk-signature"] = signBody(body, channel.secret);
  return post(channel.target, body, headers);
}
