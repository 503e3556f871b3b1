/** One click on the overview: every demo request, its labels and its rollups go; audited. */
import { recordAudit, type Actor } from "../db/audit-repo";
import { deleteDemoData } from "../db/rollup-repo";
import { clearAlertCache } from "../monitoring/firing-alerts";

export async function removeDemoData(actor: Actor) {
  const removed = await deleteDemoData();
  await recordAudit(actor, { action: "demo-data.delete", targetType: "request-log", after: removed });
  clearAlertCache();
  return removed;
}
