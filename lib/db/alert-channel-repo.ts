/**
 * Alert channels. A webhook's signing secret is encrypted at rest like tier secrets
 * (secret-box; SECURITY.md) and omitted from every read unless asked for: the console sees
 * its hint only.
 */
import { decryptSecret, encryptSecret } from "./secret-box";
import { secretKey } from "./secret-key";
import { db } from "./prisma";

export type AlertChannelKind = "webhook" | "slack" | "email";
export type AlertChannelData = { name: string; kind: AlertChannelKind; target: string; enabled: boolean; kinds: string[] };

export function sealChannelSecret(secret: string | null) {
  return secret === null ? { secret: null, secretHint: "" } : { secret: encryptSecret(secret, secretKey().key), secretHint: `…${secret.slice(-4)}` };
}

export function listAlertChannels() {
  return db.alertChannel.findMany({ orderBy: { name: "asc" } });
}

export function findAlertChannel(id: string) {
  return db.alertChannel.findUnique({ where: { id } });
}

export type AlertChannelRow = NonNullable<Awaited<ReturnType<typeof findAlertChannel>>>;

/** The channel with its secret in the clear: for the sender only. */
export async function openAlertChannel(id: string) {
  const row = await db.alertChannel.findUnique({ where: { id }, omit: { secret: false } });
  if (!row) return null;
  const secret = row.secret === null ? null : decryptSecret(row.secret, secretKey().key, `the secret of alert channel ${row.name}`);
  return { ...row, secret };
}

export type OpenAlertChannel = NonNullable<Awaited<ReturnType<typeof openAlertChannel>>>;

export function insertAlertChannel(data: AlertChannelData, secret: string | null) {
  return db.alertChannel.create({ data: { ...data, ...sealChannelSecret(secret) } });
}

/** `secret`: a string replaces it, null removes it, undefined keeps it. */
export function updateAlertChannel(id: string, data: Partial<AlertChannelData>, secret: string | null | undefined) {
  return db.alertChannel.update({ where: { id }, data: { ...data, ...(secret === undefined ? {} : sealChannelSecret(secret)) } });
}

export function deleteAlertChannel(id: string) {
  return db.alertChannel.delete({ where: { id } });
}

/** Enabled channels that receive `kind` (an empty list receives every kind). */
export function channelsFor(kind: string) {
  return db.alertChannel.findMany({ where: { enabled: true, OR: [{ kinds: { isEmpty: true } }, { kinds: { has: kind } }] }, select: { id: true } });
}
