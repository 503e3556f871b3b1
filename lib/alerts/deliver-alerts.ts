/**
 * The delivery loop's one round: claim due pending deliveries (leased, so concurrent loops never
 * send one twice at once), send each, and record the attempt: sent; or pending again after
 * ALERTS_RETRY_BASE_MS × 2^(attempt − 1) (exponential backoff); or failed after
 * ALERTS_MAX_ATTEMPTS. A channel deleted meanwhile takes its deliveries with it (cascade); one
 * disabled meanwhile fails them with a message that says so.
 */
import { openAlertChannel } from "../db/alert-channel-repo";
import { claimDueDeliveries, recordDeliveryAttempt, type ClaimedDelivery } from "../db/alert-episode-repo";
import { env } from "../env";
import type { AlertMessage } from "./alert-message";
import { SEND_TIMEOUT_MS, sendAlert, type SendOutcome } from "./send-alert";

const BATCH = 20;

export function retryDelayMs(attempt: number, baseMs: number): number {
  return baseMs * 2 ** Math.max(0, attempt - 1);
}

async function attempt(d: ClaimedDelivery): Promise<SendOutcome> {
  const channel = await openAlertChannel(d.channelId);
  if (!channel) return { ok: false, error: "the channel was deleted" };
  if (!channel.enabled && d.event !== "test") return { ok: false, error: "the channel is disabled" };
  return sendAlert(channel, d.payload as AlertMessage);
}

/** Sends one delivery now and records the outcome (also used by "Send test"). */
export async function deliverOne(d: ClaimedDelivery, opts: { retry: boolean }): Promise<SendOutcome> {
  const outcome = await attempt(d).catch((e: Error): SendOutcome => ({ ok: false, error: e.message }));
  const { ALERTS_MAX_ATTEMPTS, ALERTS_RETRY_BASE_MS } = env();
  const n = d.attempts + 1;
  const canRetry = opts.retry && !outcome.ok && n < ALERTS_MAX_ATTEMPTS && outcome.error !== "the channel is disabled";
  await recordDeliveryAttempt(d.id, outcome.ok ? outcome : { ok: false, error: outcome.error, retryAt: canRetry ? new Date(Date.now() + retryDelayMs(n, ALERTS_RETRY_BASE_MS)) : null });
  return outcome;
}

/** One round; resolves with how many deliveries were attempted. */
export async function deliverDue(): Promise<number> {
  const due = await claimDueDeliveries(BATCH, SEND_TIMEOUT_MS * 3);
  await Promise.all(due.map((d) => deliverOne(d, { retry: true })));
  return due.length;
}
