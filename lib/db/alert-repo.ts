/** Drift alert thresholds in Setting "alerts.thresholds"; changes are audited. */
import { alertSettingsSchema, DEFAULT_ALERT_SETTINGS, type AlertSettings } from "../monitoring/alert-settings";
import { recordAudit, type Actor } from "./audit-repo";
import { notifyConfigChanged } from "./config-repo";
import type { Prisma } from "./generated/client";
import { db } from "./prisma";

export const ALERTS_KEY = "alerts.thresholds";

/** The stored thresholds, with defaults for anything missing (or unreadable). */
export async function readAlertSettings(): Promise<AlertSettings> {
  const row = await db.setting.findUnique({ where: { key: ALERTS_KEY } });
  if (!row) return DEFAULT_ALERT_SETTINGS;
  const parsed = alertSettingsSchema.safeParse(row.value);
  return parsed.success ? parsed.data : DEFAULT_ALERT_SETTINGS;
}

export async function writeAlertSettings(actor: Actor, settings: AlertSettings): Promise<AlertSettings> {
  return db.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: ALERTS_KEY } });
    const value = settings as unknown as Prisma.InputJsonValue;
    await tx.setting.upsert({ where: { key: ALERTS_KEY }, create: { key: ALERTS_KEY, value }, update: { value } });
    await recordAudit(actor, { action: "alerts.update", targetType: "setting", targetId: ALERTS_KEY, before: before?.value ?? DEFAULT_ALERT_SETTINGS, after: settings }, tx);
    await notifyConfigChanged(tx, "alerts");
    return settings;
  });
}
