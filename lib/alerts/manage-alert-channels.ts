/**
 * Alert channels for the console and the API: create, change, delete (audited, no secret in the
 * audit entry), send a test, list the delivery log.
 */
import { randomUUID } from "node:crypto";
import {
  deleteAlertChannel,
  findAlertChannel,
  insertAlertChannel,
  listAlertChannels,
  updateAlertChannel,
  type AlertChannelKind,
  type AlertChannelRow,
} from "../db/alert-channel-repo";
import { findDelivery, insertTestDelivery, listDeliveries } from "../db/alert-episode-repo";
import { recordAudit, type Actor } from "../db/audit-repo";
import { isUniqueViolation } from "../db/user-repo";
import { AppError } from "../http/app-error";
import type { AlertMessage } from "./alert-message";
import { createChannelSchema, targetProblem, type ChannelKind, type updateChannelSchema } from "./channel-schemas";
import { deliverOne } from "./deliver-alerts";
import type { z } from "zod";

const audited = (c: AlertChannelRow) => ({ name: c.name, kind: c.kind, target: c.target, enabled: c.enabled, kinds: c.kinds, secretHint: c.secretHint });

function conflict(name: string): AppError {
  return new AppError("conflict", `A channel named ${name} already exists.`, { issues: [{ path: "name", message: "This name is taken." }] });
}

export { listAlertChannels };

export async function createAlertChannel(actor: Actor, input: z.output<typeof createChannelSchema>) {
  const { secret, ...data } = input;
  try {
    const channel = await insertAlertChannel({ ...data, kind: data.kind as AlertChannelKind }, secret ?? null);
    await recordAudit(actor, { action: "alerts.channel.create", targetType: "alert-channel", targetId: channel.id, after: audited(channel) });
    return channel;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(input.name);
    throw error;
  }
}

async function existing(id: string): Promise<AlertChannelRow> {
  const channel = /^[0-9a-f-]{36}$/i.test(id) ? await findAlertChannel(id) : null;
  if (!channel) throw new AppError("not_found", "No such alert channel.");
  return channel;
}

export async function changeAlertChannel(actor: Actor, id: string, patch: z.output<typeof updateChannelSchema>) {
  const before = await existing(id);
  const kind = before.kind as ChannelKind;
  if (patch.target !== undefined) {
    const problem = targetProblem(kind, patch.target);
    if (problem) throw new AppError("bad_request", `target: ${problem}`, { issues: [{ path: "target", message: problem }] });
  }
  if (kind === "webhook" && patch.secret === null) throw new AppError("bad_request", "secret: a webhook needs a signing secret.", { issues: [{ path: "secret", message: "A webhook needs a signing secret." }] });
  const { secret, ...data } = patch;
  try {
    const after = await updateAlertChannel(id, data, secret);
    await recordAudit(actor, { action: "alerts.channel.update", targetType: "alert-channel", targetId: id, before: audited(before), after: audited(after) });
    return after;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(patch.name ?? before.name);
    throw error;
  }
}

export async function removeAlertChannel(actor: Actor, id: string) {
  const before = await existing(id);
  await deleteAlertChannel(id);
  await recordAudit(actor, { action: "alerts.channel.delete", targetType: "alert-channel", targetId: id, before: audited(before) });
}

/** Sends a test message to the channel now (one attempt, no retry) and returns the logged delivery. */
export async function sendTestAlert(id: string) {
  const channel = await existing(id);
  const message: AlertMessage = {
    id: randomUUID(),
    event: "test",
    kind: "test",
    key: "test",
    title: `Test message for channel ${channel.name}`,
    message: "If you can read this, Frontdesk's alerts reach this channel.",
    openedAt: null,
    resolvedAt: null,
  };
  const row = await insertTestDelivery(id, message);
  const outcome = await deliverOne({ id: row.id, channelId: id, kind: "test", episodeKey: "test", event: "test", payload: message, attempts: 0 }, { retry: false });
  return { ok: outcome.ok, error: outcome.ok ? null : outcome.error, delivery: await findDelivery(row.id) };
}

export { listDeliveries };
