/**
 * A logged request → the detail page's latency breakdown (one stacked bar: routing, each
 * upstream attempt, overhead) and trace rows. Pure.
 */
import { METRIC_COLORS } from "@/components/charts/palette";
import type { Series } from "@/components/charts/time-series-chart";
import type { AttemptCause, AttemptOutcome } from "@/lib/routing/execution/attempt-record";
import type { Latency } from "./types";

const OUTCOME_COLORS: Record<AttemptOutcome, string> = {
  ok: "#10b981",
  "low-confidence": "#f59e0b",
  error: "#ef4444",
  skipped: "#94a3b8",
  "hedge-lost": "#c4b5fd",
};

export const OUTCOME_LABELS: Record<AttemptOutcome, string> = {
  ok: "answered",
  "low-confidence": "low confidence → escalated",
  error: "failed",
  skipped: "skipped",
  "hedge-lost": "lost the hedge",
};

/** Why an attempt was made (the decision's own tier needs no note). */
export const CAUSE_LABELS: Record<Exclude<AttemptCause, "decision">, string> = {
  escalation: "via escalation",
  fallback: "via fallback",
  hedge: "hedge leg",
};

const API_PATHS: Record<string, string> = { chat: "/v1/chat/completions", messages: "/v1/messages", responses: "/v1/responses", embeddings: "/v1/embeddings" };

/** The endpoint a request came in on (the log's `api` column). */
export function inboundApiPath(api: string | null | undefined): string {
  return API_PATHS[api ?? "chat"] ?? API_PATHS.chat!;
}

/** "2. fast (small) · fallback", with the deployment that served it and those it moved on from: "… @ eu · after us: upstream 429 …". */
export function attemptPart(a: { tier: string; model: string; cause?: AttemptCause; deployment?: string; failovers?: string[] }, i: number): string {
  const why = a.cause && a.cause !== "decision" ? ` · ${CAUSE_LABELS[a.cause]}` : "";
  const at = a.deployment ? ` @ ${a.deployment}` : "";
  const after = a.failovers?.length ? ` · after ${a.failovers.join("; ")}` : "";
  return `${i + 1}. ${a.tier} (${a.model})${at}${why}${after}`;
}

export function prepareLatencyBreakdown(latency: Latency, totalMs: number): { data: Array<Record<string, number | string>>; series: Series[]; otherMs: number } {
  const attempts = latency.attempts ?? [];
  const row: Record<string, number | string> = { name: "This request", routing: latency.routingMs ?? 0 };
  const series: Series[] = [{ key: "routing", label: "Routing", color: METRIC_COLORS.primary }];
  attempts.forEach((a, i) => {
    row[`a${i}`] = a.ms;
    series.push({ key: `a${i}`, label: `${i + 1}. ${a.tier} (${OUTCOME_LABELS[a.outcome] ?? a.outcome})`, color: OUTCOME_COLORS[a.outcome] ?? METRIC_COLORS.secondary });
  });
  row.overhead = latency.overheadMs ?? 0;
  series.push({ key: "overhead", label: "Gateway overhead", color: "#64748b" });
  const accounted = (latency.routingMs ?? 0) + (latency.overheadMs ?? 0) + attempts.reduce((s, a) => s + a.ms, 0);
  return { data: [row], series, otherMs: Math.max(0, totalMs - accounted) };
}

export function formatMicros(micros: number): string {
  return micros >= 1000 ? `${(micros / 1000).toFixed(2)} ms` : `${Math.round(micros)} µs`;
}

export function prepareTrace<Step extends { micros: number }>(trace: readonly Step[] | undefined): Array<Step & { time: string }> {
  return (trace ?? []).map((s) => ({ ...s, time: formatMicros(s.micros) }));
}

/** The stored transcript starts with "user: "; lists show the text only. */
export function snippetText(snippet: string | null | undefined): string {
  return (snippet ?? "").replace(/^(user|system|assistant): /, "").replace(/\s+/g, " ").trim();
}
