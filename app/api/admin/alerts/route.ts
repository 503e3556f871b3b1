import { withRoute } from "@/lib/auth/with-route";
import { parseBody } from "@/lib/http/parse-body";
import { alertSettingsSchema } from "@/lib/monitoring/alert-settings";
import { clearAlertCache, measureAlerts } from "@/lib/monitoring/firing-alerts";
import { readAlertSettings, writeAlertSettings } from "@/lib/monitoring/manage-alert-settings";

/** The drift alert thresholds and what they measure right now. */
export const GET = withRoute({ permission: "drift:view" }, async () => {
  const settings = await readAlertSettings();
  return { settings, status: await measureAlerts(settings) };
});

/** Replaces the thresholds (audited). */
export const PUT = withRoute({ permission: "config:manage" }, async (req, { session }) => {
  const settings = await parseBody(req, alertSettingsSchema);
  await writeAlertSettings({ id: session.user.id, email: session.user.email }, settings);
  clearAlertCache();
  return { settings, status: await measureAlerts(settings) };
});
