/**
 * Drift alert thresholds in Setting "alerts.thresholds", stored as given; changes are audited.
 * Their schema and defaults belong to lib/monitoring (alert-settings, manage-alert-settings).
 */
import { recordAudit, type Actor } from "./audit-repo";
import { notifyConfigChanged } from "./config-repo";
import type { Prisma } from "./generated/client";
import { db } from "./prisma";

export const ALERTS_KEY = "alerts.thresholds";

/** The stored thresholds as saved, or undefined when none were ever saved. */
export async function readStoredAlertSettings(): Promise<unknown> {
  const row = await db.setting.findUnique({ where: { key: ALERTS_KEY } });
  return row?.value;
}

/** Saves the thresholds; the audit entry's `before` is `unset` when none were saved yet. */
export async function storeAlertSettings<T>(actor: Actor, settings: T, unset: T): Promise<T> {
  return db.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: ALERTS_KEY } });
    const value = settings as unknown as Prisma.InputJsonValue;
    await tx.setting.upsert({ where: { key: ALERTS_KEY }, create: { key: ALERTS_KEY, value }, update: { value } });
    await recordAudit(actor, { action: "alerts.update", targetType: "setting", targetId: ALERTS_KEY, before: before?.value ?? unset, after: settings }, tx);
    await notifyConfigChanged(tx, "alerts");
    return settings;
  });
}
