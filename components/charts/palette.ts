/**
 * Chart colours. A tier's colour is keyed by its name, so `capable` keeps its colour whichever
 * tiers a time range happens to contain; stages and metrics are fixed.
 */
const TIER_COLORS = ["#10b981", "#3b82f6", "#8b5cf6", "#f59e0b", "#ec4899", "#14b8a6", "#6366f1", "#84cc16", "#0ea5e9", "#f43f5e", "#a16207", "#64748b"];

/** The shipped tiers' names get well-separated colours; any other name hashes into the palette. */
const KNOWN_TIERS: Record<string, string> = { fast: "#10b981", balanced: "#3b82f6", capable: "#8b5cf6" };

export const STAGE_COLORS: Record<string, string> = {
  rule: "#0ea5e9",
  intent: "#14b8a6",
  classifier: "#6366f1",
  speculative: "#a855f7",
  explore: "#84cc16",
  pinned: "#64748b",
  budget: "#f97316",
  bypass: "#94a3b8",
  fallback: "#ef4444",
  escalation: "#f59e0b",
  hedge: "#ec4899",
};

export const METRIC_COLORS = { primary: "#1f5ad6", secondary: "#94a3b8", good: "#10b981", bad: "#ef4444", warn: "#f59e0b" } as const;

/** FNV-1a: a small, stable string hash (the same name gives the same colour on every page and range). */
function hash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function tierColor(name: string): string {
  return KNOWN_TIERS[name] ?? TIER_COLORS[hash(name) % TIER_COLORS.length]!;
}

export function stageColor(stage: string, index: number): string {
  return STAGE_COLORS[stage] ?? TIER_COLORS[(index + 3) % TIER_COLORS.length]!;
}
