/**
 * What an alert says, in one shape for every channel: the webhook's JSON body is this object;
 * Slack and email get `text` (and a subject) made from it.
 */
export type AlertEvent = "fired" | "resolved" | "test";

export type AlertMessage = {
  /** Unique per delivery, so a receiver can drop a retried duplicate. */
  id: string;
  event: AlertEvent;
  kind: string;
  key: string;
  title: string;
  message: string;
  openedAt: string | null;
  resolvedAt: string | null;
};

export const ALERT_KINDS = ["drift", "breaker", "errorrate", "budget", "job"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  drift: "Drift thresholds",
  breaker: "Circuit breaker opened",
  errorrate: "Error-rate spike per tier",
  budget: "API key reached its budget",
  job: "Retraining job failed",
};

export function subjectOf(m: Pick<AlertMessage, "event" | "title">): string {
  const prefix = m.event === "resolved" ? "Resolved" : m.event === "test" ? "Test" : "Alert";
  return `[Frontdesk] ${prefix}: ${m.title}`;
}

export function textOf(m: AlertMessage): string {
  const head = m.event === "resolved" ? `✅ Resolved: ${m.title}` : m.event === "test" ? `🔔 Test: ${m.title}` : `🚨 ${m.title}`;
  const since = m.event === "resolved" && m.openedAt ? ` (open since ${m.openedAt})` : "";
  return `${head}\n${m.message}${since}`;
}
