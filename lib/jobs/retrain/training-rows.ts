/**
 * Turns the data sources of a retraining job into outcome rows keyed by the policy's tier
 * names: imported datasets (outcomes per model: a tier's outcome is the one of its `model`, or
 * of its name), reviewer labels (the right tier gets score 1 and everything above it too,
 * cheaper tiers 0), escalations (the tier that finally answered is the cheapest good one) and
 * graded shadow pairs (shadowTarget).
 */
import type { Outcome, OutcomeRow } from "../../classifier/parse-outcomes";
import type { ChatTurn } from "../../classifier/types";
import { readDatasetRows, readEscalations, readLabeledRequests, readShadowVerdicts } from "../../db/training-data-repo";
import { servedLost } from "../../lab/shadow/plan-shadow";
import { parseTranscript } from "../../routing/transcript";

export type PolicyTier = { name: string; model: string };

export type TrainingSources = { datasetIds: string[]; labelsSince?: Date; includeLabels: boolean; includeEscalations: boolean; includeShadow?: boolean };

export type SourceCounts = { dataset: number; labels: number; escalations: number; shadow: number; skipped: number };

/** A graded shadow pair as a training target: the tier above winning (or different tool calls) makes it the cheapest good tier; otherwise the served one is. */
export function shadowTarget(verdict: string, servedIndex: number, shadowIndex: number): number | null {
  if (servedIndex < 0) return null;
  if (servedLost(verdict)) return shadowIndex > servedIndex ? shadowIndex : null;
  if (verdict === "served-better" || verdict === "tie" || verdict === "equal") return servedIndex;
  return null;
}

function labelOutcomes(tiers: PolicyTier[], goodFrom: number): Record<string, Outcome> {
  return Object.fromEntries(tiers.map((t, k) => [t.name, { score: k >= goodFrom ? 1 : 0 }]));
}

function labelTarget(verdict: string, usedIndex: number, correctIndex: number, tierCount: number): number {
  if (correctIndex >= 0) return correctIndex;
  if (verdict === "should_be_cheaper") return Math.max(0, usedIndex - 1);
  if (verdict === "should_be_more_capable") return Math.min(tierCount - 1, usedIndex + 1);
  return usedIndex;
}

export async function loadTrainingRows(policyName: string, tiers: PolicyTier[], sources: TrainingSources): Promise<{ rows: OutcomeRow[]; counts: SourceCounts }> {
  const rows: OutcomeRow[] = [];
  const counts: SourceCounts = { dataset: 0, labels: 0, escalations: 0, shadow: 0, skipped: 0 };
  const labeled = new Set<string>();
  const names = tiers.map((t) => t.name);
  for (const r of await readDatasetRows(sources.datasetIds)) {
    const outcomes = r.outcomes as Record<string, Outcome>;
    const mapped = tiers.map((t) => outcomes[t.name] ?? outcomes[t.model]);
    if (mapped.some((o) => !o)) {
      counts.skipped++;
      continue;
    }
    const messages = (r.messages as ChatTurn[] | null) ?? [{ role: "user" as const, content: r.prompt }];
    rows.push({ id: `ds:${r.externalId}`, line: rows.length + 1, input: { messages }, outcomes: Object.fromEntries(tiers.map((t, k) => [t.name, mapped[k]!])), tags: { ...(r.tags as Record<string, string>), source: "dataset" } });
    counts.dataset++;
  }
  if (sources.includeLabels) {
    for (const l of await readLabeledRequests(policyName, sources.labelsSince)) {
      const used = names.indexOf(l.request.tierName ?? "");
      if (used < 0) continue;
      const target = labelTarget(l.verdict, used, names.indexOf(l.correctTier?.name ?? ""), names.length);
      labeled.add(l.request.id);
      rows.push({ id: `label:${l.request.id}`, line: rows.length + 1, input: { messages: parseTranscript(l.request.prompt!) }, outcomes: labelOutcomes(tiers, target), tags: { source: "label" } });
      counts.labels++;
    }
  }
  if (sources.includeEscalations) {
    for (const e of await readEscalations(policyName, sources.labelsSince)) {
      const answered = names.indexOf(e.tierName ?? "");
      if (answered <= 0) continue;
      rows.push({ id: `esc:${e.id}`, line: rows.length + 1, input: { messages: parseTranscript(e.prompt!) }, outcomes: labelOutcomes(tiers, answered), tags: { source: "escalation" } });
      counts.escalations++;
    }
  }
  if (sources.includeShadow) {
    // a reviewer's label on the same request says it better
    for (const p of await readShadowVerdicts(policyName, sources.labelsSince)) {
      if (labeled.has(p.requestId)) continue;
      const target = shadowTarget(p.verdict, names.indexOf(p.servedTier), names.indexOf(p.shadowTier));
      if (target === null) continue;
      labeled.add(p.requestId);
      rows.push({ id: `shadow:${p.requestId}`, line: rows.length + 1, input: { messages: parseTranscript(p.prompt) }, outcomes: labelOutcomes(tiers, target), tags: { source: "shadow" } });
      counts.shadow++;
    }
  }
  return { rows, counts };
}
