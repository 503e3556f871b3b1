/** Reading and saving the drift alert thresholds: validated here, stored by lib/db/alert-repo. */
import { readStoredAlertSettings, storeAlertSettings } from "../db/alert-repo";
import type { Actor } from "../db/audit-repo";
import { alertSettingsSchema, DEFAULT_ALERT_SETTINGS, type AlertSettings } from "./alert-settings";

/** The stored thresholds, with defaults for anything missing (or unreadable). */
export async function readAlertSettings(): Promise<AlertSettings> {
  const stored = await readStoredAlertSettings();
  if (stored === undefined) return DEFAULT_ALERT_SETTINGS;
  const parsed = alertSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_ALERT_SETTINGS;
}

export function writeAlertSettings(actor: Actor, settings: AlertSettings): Promise<AlertSettings> {
  return storeAlertSettings(actor, settings, DEFAULT_ALERT_SETTINGS);
}
