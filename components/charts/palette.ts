/** Chart colours: tiers cheapest → most capable from green to violet; stages and metrics fixed. */
const TIER_COLORS = ["#10b981", "#3b82f6", "#8b5cf6", "#f59e0b", "#ec4899", "#14b8a6", "#6366f1", "#84cc16"];

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

export function tierColor(index: number): string {
  return TIER_COLORS[index % TIER_COLORS.length]!;
}

export function stageColor(stage: string, index: number): string {
  return STAGE_COLORS[stage] ?? TIER_COLORS[(index + 3) % TIER_COLORS.length]!;
}
