/** Words for audit entries on the /audit page (pure, unit-tested). */
import type { AuditLogEntry } from "@/lib/audit/list-audit-log";

const ACTIONS: Record<string, string> = {
  "tier.create": "Created tier",
  "tier.update": "Changed tier",
  "tier.enable": "Enabled tier",
  "tier.disable": "Disabled tier",
  "tier.delete": "Deleted tier",
  "tier.reorder": "Reordered tiers",
  "tier.test_connection": "Tested tier connection",
  "policy.update": "Changed policy settings",
  "policy.bias_change": "Changed policy bias",
  "policy.rules_replace": "Changed rules of policy",
  "classifier.promote": "Promoted classifier for policy",
  "classifier.rollback": "Rolled back classifier of policy",
  "classifier.restore": "Restored classifier of policy",
  "config.apply": "Applied config",
};

/** "Disabled tier capable", "Reverted #41: Disabled tier capable". */
export function describeEntry(entry: Pick<AuditLogEntry, "action" | "targetId" | "revertOf">): string {
  const base = entry.action.replace(/(\.revert)+$/, "");
  const words = ACTIONS[base] ?? entry.action;
  const what = entry.targetId && !base.startsWith("classifier.") ? `${words} ${entry.targetId}` : words;
  return entry.revertOf ? `Reverted #${entry.revertOf}: ${what}` : what;
}

/** A value of a diff cell, short: strings bare, the rest as JSON, long text cut. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** The time with its zone, so a log read across zones is unambiguous. */
export function formatWhen(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleString("en-US", { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit", timeZoneName: "short", timeZone });
}
