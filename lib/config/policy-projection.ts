/**
 * The labeled sample behind the bias slider's projection (GET /api/admin/policies/:name/projection).
 * Requests from outcome datasets — imported ones first, then the files shipped in data/routing —
 * whose recorded outcomes cover the model of every tier of the policy (tier.model names the
 * dataset's model), scored by the classifier the gateway uses for the policy NOW (its active
 * trained one when it fits, else the built-in scorer), with the engine's own token estimate and
 * rule check. The browser replays the decision rule over it for any bias (lib/routing/project-bias.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseOutcomeLine, parseOutcomes, type OutcomeRow } from "../classifier/parse-outcomes";
import { readOutcomeRowsCovering } from "../db/outcome-sample-repo";
import { AppError } from "../http/app-error";
import { matchRules } from "../routing/match-rules";
import type { ProjectionRow } from "../routing/project-bias";
import { readRequestText } from "../routing/request-text";
import { resolveClassifier, scoreRequest } from "../routing/score-request";
import type { ConfigSnapshot } from "../routing/types";
import { loadGatewayConfig } from "./load-gateway-config";
import type { ProjectionSample } from "./policy-view";

/** At most this many requests (enough for smooth shares; scoring stays well under a second). */
export const MAX_SAMPLE_ROWS = 2000;

const SHIPPED_DIR = path.resolve(process.cwd(), "data", "routing");
let shipped: Array<{ name: string; rows: OutcomeRow[] }> | null = null;

/** The shipped outcome files, parsed once per process. */
function shippedDatasets(): Array<{ name: string; rows: OutcomeRow[] }> {
  if (shipped) return shipped;
  let files: string[] = [];
  try {
    files = readdirSync(SHIPPED_DIR).filter((f) => f.endsWith(".jsonl")).sort();
  } catch {
    files = [];
  }
  shipped = files.map((file) => ({ name: `${file} (shipped)`, rows: parseOutcomes(readFileSync(path.join(SHIPPED_DIR, file), "utf8")).rows }));
  return shipped;
}

async function importedRows(models: string[], limit: number): Promise<Array<{ source: string; row: OutcomeRow }>> {
  const stored = await readOutcomeRowsCovering(models, limit);
  return stored.flatMap((r, i) => {
    const parsed = parseOutcomeLine(JSON.stringify({ id: r.externalId, prompt: r.prompt, ...(r.messages ? { messages: r.messages } : {}), outcomes: r.outcomes }), i + 1);
    return "reason" in parsed ? [] : [{ source: `${r.dataset} (imported)`, row: parsed }];
  });
}

function covers(row: OutcomeRow, models: readonly string[]): boolean {
  return models.every((m) => row.outcomes[m] !== undefined);
}

/** The policy tier a rule sends these messages to (its index), or null. */
export function ruleTierOf(snapshot: ConfigSnapshot, policyName: string, tiers: readonly string[], text: ReturnType<typeof readRequestText>): number | null {
  const compiled = snapshot.compiled.get(policyName);
  const usable = (t: string) => tiers.includes(t) && snapshot.tiers.get(t)?.enabled === true;
  const hit = compiled ? matchRules(compiled, { text }, usable, []) : null;
  return hit ? tiers.indexOf(hit.rule.tier) : null;
}

function toProjectionRow(snapshot: ConfigSnapshot, policyName: string, tiers: readonly string[], models: readonly string[], row: OutcomeRow): ProjectionRow | null {
  const scored = scoreRequest(snapshot, policyName, tiers.length, row.input.messages);
  if (!scored.ok) return null;
  const text = readRequestText(row.input.messages);
  return {
    p: scored.p.map((v) => Math.round(v * 1e6) / 1e6),
    score: models.map((m) => row.outcomes[m]!.score),
    promptTokens: text.promptTokens,
    ruleTier: ruleTierOf(snapshot, policyName, tiers, text),
  };
}

export async function buildProjectionSample(policyName: string, loaded?: { snapshot: ConfigSnapshot }): Promise<ProjectionSample> {
  const { snapshot } = loaded ?? (await loadGatewayConfig());
  const policy = snapshot.policies.get(policyName);
  if (!policy) throw new AppError("not_found", `No policy named "${policyName}".`);
  const tiers = policy.tiers;
  const models = tiers.map((t) => snapshot.tiers.get(t)?.model ?? "");
  const { classifier } = tiers.length >= 2 ? resolveClassifier(snapshot, policyName, tiers.length) : { classifier: null };
  const base = { policy: policyName, classifier: classifier ? { kind: classifier.kind, id: classifier.id } : { kind: "heuristic" as const, id: "none" }, models };
  if (tiers.length < 2) return { ...base, basis: "prior", basisNote: null, evidence: null, today: null, sources: [], rows: [], ruleRows: 0, emptyReason: "This policy has a single tier: there is nothing for the bias to trade.", volume: null };

  // the same request may be in several datasets (the demo dataset is the shipped file imported):
  // count it once, from the first source that has it
  const seen = new Set<string>();
  const picked: Array<{ source: string; row: OutcomeRow }> = [];
  const add = (source: string, row: OutcomeRow) => {
    const key = JSON.stringify(row.input.messages);
    if (seen.has(key)) return;
    seen.add(key);
    picked.push({ source, row });
  };
  for (const { source, row } of await importedRows(models, MAX_SAMPLE_ROWS)) add(source, row);
  for (const dataset of shippedDatasets()) {
    for (const row of dataset.rows) {
      if (picked.length >= MAX_SAMPLE_ROWS) break;
      if (covers(row, models)) add(dataset.name, row);
    }
  }
  const sources = new Map<string, number>();
  const rows: ProjectionRow[] = [];
  for (const { source, row } of picked) {
    const projected = toProjectionRow(snapshot, policyName, tiers, models, row);
    if (!projected) continue;
    rows.push(projected);
    sources.set(source, (sources.get(source) ?? 0) + 1);
  }
  return {
    ...base,
    basis: "prior",
    basisNote: null,
    evidence: null,
    today: null,
    sources: [...sources].map(([name, n]) => ({ name, rows: n })),
    rows,
    ruleRows: rows.filter((r) => r.ruleTier !== null).length,
    emptyReason: rows.length
      ? null
      : `No labeled request has recorded outcomes for all of this policy's models (${[...new Set(models)].join(", ")}).`,
    volume: null,
  };
}
