/**
 * Simulated tiers can replay recorded answers: `options.replay = { dataset: "routeprofile" }`
 * names a file in data/routing (<dataset>.jsonl). Loaded once per process and shared.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { outcomeRowSchema, type OutcomeRow } from "./simulated-replay";

const DATA_DIR = path.resolve(process.cwd(), "data", "routing");
const cache = new Map<string, OutcomeRow[]>();

export function loadReplayRows(dataset: string): OutcomeRow[] {
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(dataset)) throw new Error(`invalid replay dataset name "${dataset}"`);
  const cached = cache.get(dataset);
  if (cached) return cached;
  const file = path.join(DATA_DIR, `${dataset}.jsonl`);
  if (!existsSync(file)) throw new Error(`replay dataset "${dataset}" not found (${file})`);
  const rows: OutcomeRow[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const parsed = outcomeRowSchema.safeParse(JSON.parse(line));
    if (parsed.success) rows.push(parsed.data);
  }
  cache.set(dataset, rows);
  return rows;
}

/** A tier's options with `replay.dataset` resolved to rows (other options untouched). */
export function resolveReplay(options: Record<string, unknown>, warn: (message: string) => void): Record<string, unknown> {
  const replay = options.replay as { dataset?: unknown; model?: unknown } | undefined;
  if (!replay || typeof replay.dataset !== "string") return options;
  try {
    const rows = loadReplayRows(replay.dataset);
    return { ...options, replay: { rows, ...(typeof replay.model === "string" ? { model: replay.model } : {}) } };
  } catch (error) {
    warn(error instanceof Error ? error.message : String(error));
    const { replay: _drop, ...rest } = options;
    return rest;
  }
}
