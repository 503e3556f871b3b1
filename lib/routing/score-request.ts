/**
 * The classifier stage: P(needs a tier >= k) for the policy's configured tiers. Uses the policy's
 * trained classifier when it was built for this many tiers, else the snapshot's built-in
 * heuristic. Output is sanitized (clamped to [0, 1], made non-increasing); a classifier that
 * throws or returns the wrong shape is reported, and decide() falls back to the policy default.
 */
import type { ChatTurn, TierClassifier } from "../classifier/types";
import type { ConfigSnapshot } from "./types";

export type ScoreResult =
  | { ok: true; p: number[]; classifier: TierClassifier; notes: string[] }
  | { ok: false; error: string; classifier: TierClassifier; notes: string[] };

export function resolveClassifier(snapshot: ConfigSnapshot, policyName: string, tierCount: number): { classifier: TierClassifier; notes: string[] } {
  const trained = snapshot.classifiers.get(policyName);
  if (trained && trained.tierCount === tierCount) return { classifier: trained, notes: [] };
  const notes = trained
    ? [`classifier ${trained.id} was built for ${trained.tierCount} tiers, the policy has ${tierCount}: built-in heuristic used`]
    : [];
  return { classifier: snapshot.heuristic(tierCount), notes };
}

/** Stands in when there is nothing to classify (a single-tier policy). */
const NOTHING_TO_CLASSIFY: TierClassifier = { id: "none", kind: "heuristic", tierCount: 1, predict: () => [] };

export function scoreRequest(snapshot: ConfigSnapshot, policyName: string, tierCount: number, messages: readonly ChatTurn[]): ScoreResult {
  if (tierCount < 2) return { ok: true, p: [], classifier: NOTHING_TO_CLASSIFY, notes: [] };
  let resolved: { classifier: TierClassifier; notes: string[] };
  try {
    resolved = resolveClassifier(snapshot, policyName, tierCount);
  } catch (error) {
    return { ok: false, error: `built-in classifier unavailable: ${describe(error)}`, classifier: NOTHING_TO_CLASSIFY, notes: [] };
  }
  const { classifier, notes } = resolved;
  let raw: number[];
  try {
    raw = classifier.predict({ messages: messages as ChatTurn[] });
  } catch (error) {
    return { ok: false, error: `classifier ${classifier.id} failed: ${describe(error)}`, classifier, notes };
  }
  if (!isProbabilities(raw, tierCount - 1)) {
    return { ok: false, error: `classifier ${classifier.id} returned ${describeOutput(raw)}, expected ${tierCount - 1} probabilities`, classifier, notes };
  }
  return { ok: true, p: sanitize(raw, notes), classifier, notes };
}

/** Clamps to [0, 1] and enforces p[0] >= p[1] >= ... (a running minimum), noting any repair. */
export function sanitize(raw: readonly number[], notes: string[] = []): number[] {
  let floor = 1;
  let repaired = false;
  const p = new Array<number>(raw.length);
  for (let k = 0; k < raw.length; k++) {
    const value = raw[k]!;
    const fixed = Math.min(Math.min(1, Math.max(0, value)), floor);
    if (fixed !== value) repaired = true;
    p[k] = floor = fixed;
  }
  if (repaired) notes.push(`classifier output [${raw.map((v) => v.toFixed(3)).join(", ")}] repaired to [${p.map((v) => v.toFixed(3)).join(", ")}]`);
  return p;
}

/** An array of `length` numbers, none NaN. */
function isProbabilities(raw: unknown, length: number): raw is number[] {
  if (!Array.isArray(raw) || raw.length !== length) return false;
  for (const v of raw) if (typeof v !== "number" || Number.isNaN(v)) return false;
  return true;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeOutput(raw: unknown): string {
  return Array.isArray(raw) ? `${raw.length} values` : typeof raw;
}
