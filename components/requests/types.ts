/** What GET /api/admin/requests and /api/admin/requests/[id] answer (JSON: dates as strings). */
export type Attempt = {
  tier: string;
  model: string;
  ms: number;
  outcome: "ok" | "low-confidence" | "error" | "skipped" | "hedge-lost";
  status?: number;
  error?: string;
  confidence?: number;
  signals?: string[];
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
};

export type Latency = { routingMs?: number; overheadMs?: number; escalationWaitMs?: number; firstTokenMs?: number | null; attempts?: Attempt[] };

export type TraceStep = { stage: string; outcome: string; detail: string; micros: number };

export type DecisionJson = {
  policy?: string;
  tier?: string;
  stage?: string;
  reason?: string;
  rule?: string;
  scores?: { classifier: { id: string; kind: string }; p: number[]; costUsd: Array<number | null>; expectedLossUsd: Array<number | null> } | null;
  thresholds?: { bias: number; lambdaUsd: number; promptTokens: number; steps: Array<{ from: string; to: string; costDeltaUsd: number; minProbability: number }>; speculative: number | null; hedgeBand: [number, number] | null };
  fallbacks?: string[];
  escalation?: { nextTier: string; minConfidence: number; maxSteps: number } | null;
  hedge?: { tier: string; delayMs: number } | null;
  uncertainty?: number;
  labelCandidate?: string | null;
  trace?: TraceStep[];
};

export type RequestRow = {
  id: string;
  createdAt: string;
  policyName: string | null;
  tierName: string | null;
  model: string | null;
  stage: string;
  reason: string;
  uncertainty: number | null;
  escalated: boolean;
  hedged: boolean;
  totalMs: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  baselineCostUsd: number;
  status: "ok" | "error";
  httpStatus: number;
  error: string | null;
  stream: boolean;
  isDemo: boolean;
  decision: DecisionJson;
  latency: Latency;
  apiKey: { id: string; name: string; prefix: string } | null;
  promptSnippet?: string | null;
};

export type RequestLabel = {
  id: string;
  verdict: "correct" | "should_be_cheaper" | "should_be_more_capable";
  sample: string;
  note: string;
  createdAt: string;
  reviewer: { email: string; name: string } | null;
  correctTier: { name: string } | null;
};

export type RequestDetail = RequestRow & { prompt: string | null; response: string | null; sessionKey: string | null; labels: RequestLabel[] };
