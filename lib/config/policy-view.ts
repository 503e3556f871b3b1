/**
 * Shapes the policies page reads (GET /api/admin/policies/:name, /history, /projection).
 * Type-only for the browser.
 */
import type { PolicyConfig, TierConfig } from "../routing/config-schema";
import type { ProjectionRow } from "../routing/project-bias";

export type PolicySettings = Pick<PolicyConfig, "bias" | "fallback" | "escalation" | "hedging" | "speculative" | "intent" | "explore" | "shadow" | "verdict" | "storePrompts" | "expectedOutputTokens" | "referencePromptTokens"> & {
  description: string;
};

export type PolicyDetail = {
  /** The stored policy without its rules (the rules page edits those). */
  policy: Omit<PolicyConfig, "rules">;
  ruleCount: number;
  isDefault: boolean;
  /** The policy's tiers, cheapest first, without secrets. */
  tiers: Array<Omit<TierConfig, "apiKey">>;
  /** Every configured tier in rank order (a shadow judge may be outside the policy). */
  catalog: Array<{ name: string; enabled: boolean }>;
  /** The classifier the gateway uses for this policy now. */
  classifier: { kind: "trained" | "heuristic"; id: string; name: string };
};

export type PolicyHistoryEntry = {
  id: string;
  at: string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
};

export type ProjectionSample = {
  policy: string;
  /** Scored by this classifier (what the gateway would use now). */
  classifier: { kind: "trained" | "heuristic"; id: string };
  /** Per policy tier: the model whose recorded outcomes stand for it. */
  models: string[];
  /** "traffic": the policy's own recent requests; "prior": outcome datasets (too little traffic yet). */
  basis: "traffic" | "prior";
  /** Why this basis, in a sentence (null for the shipped prior with nothing to add). */
  basisNote: string | null;
  /** Own traffic: how many rows rest on a reviewer label, on a graded shadow pair, on the classifier alone. */
  evidence: { labels: number; shadow: number; classifier: number } | null;
  /** What the ledger measured over the same days at the saved bias (own traffic only). */
  today: { bias: number; requests: number; costPer1k: number; quality: number | null; wastePer1k: number; escalationRate: number | null; explored: number } | null;
  sources: Array<{ name: string; rows: number }>;
  rows: ProjectionRow[];
  /** Rows a rule decides (kept, with ruleTier: their tier does not move with the bias). */
  ruleRows: number;
  /** Why the sample is empty, when it is. */
  emptyReason: string | null;
  /** The policy's current volume: requests in the last 7 days and that pace over 30 days (null: not measured). */
  volume: { requestsLastWeek: number; monthlyRequests: number } | null;
};
