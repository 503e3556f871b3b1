/**
 * The request-log row for a routed request: the decision trace, every attempt with its time and
 * cost, tokens, status, and (unless the policy turns it off) the prompt and the answer.
 */
import type { Prisma } from "../db/generated/client";
import type { RequestLogInsert } from "../db/request-log-repo";
import type { Decision } from "../routing/types";
import { wasteOf } from "../routing/execution/account";
import { costOf, totalCost, type AttemptRecord } from "../routing/execution/attempt-record";
import { policyChoice, servedQuality } from "../routing/served-quality";
import type { ChatRequestBody } from "./chat-request-schema";
import { contentText } from "./chat-request-schema";
import type { GatewayConfig, GatewayKey } from "../config/load-gateway-config";
import type { InboundApiName } from "./inbound/inbound-api";

const MAX_TEXT = 100_000;

export type Outcome = {
  tier: string;
  stage: string;
  reason: string;
  attempts: AttemptRecord[];
  escalated: boolean;
  hedged: boolean;
  status: "ok" | "error";
  httpStatus: number;
  error?: string;
  promptTokens: number;
  completionTokens: number;
  response?: string;
  routingMs: number;
  overheadMs: number;
  totalMs: number;
  firstTokenMs?: number | null;
};

/**
 * The stored prompt: each message as "role: text", and on lines of their own what routing does
 * not read — an assistant's tool calls, the call a tool result answers, image parts — as
 * annotations in brackets (lib/routing/transcript.ts leaves them out when the text is read back).
 */
export function transcript(body: ChatRequestBody): string {
  let out = "";
  for (const m of body.messages) {
    let line = contentText(m.content);
    if (m.role === "tool" && m.tool_call_id) line = withNote(line, `[tool result ${m.tool_call_id}]`);
    for (const call of (m as { tool_calls?: ToolCallLike[] }).tool_calls ?? []) line = withNote(line, toolCallNote(call));
    if (Array.isArray(m.content)) for (const part of m.content) if (part.type === "image_url") line = withNote(line, imageNote(part));
    out += out ? `\n\n${m.role}: ${line}` : `${m.role}: ${line}`;
  }
  return out.slice(0, MAX_TEXT);
}

/** `text` followed by `note` on a line of its own (the note alone when there is no text). */
function withNote(text: string, note: string): string {
  return text ? `${text}\n${note}` : note;
}

type ToolCallLike = { id?: string; function?: { name?: string; arguments?: string } };

function toolCallNote(call: ToolCallLike): string {
  return `[tool call${call.id ? ` ${call.id}` : ""}] ${call.function?.name ?? "?"}(${(call.function?.arguments ?? "").slice(0, 2000)})`;
}

function imageNote(part: Record<string, unknown>): string {
  const url = typeof part.image_url === "string" ? part.image_url : ((part.image_url as { url?: unknown } | undefined)?.url ?? "");
  const shown = typeof url !== "string" ? "?" : url.startsWith("data:") ? `${url.slice(0, url.indexOf(",") + 1 || 30)}… (${Math.round((url.length * 3) / 4 / 1024)} KB)` : url.slice(0, 300);
  return `[image] ${shown}`;
}

/** The stored answer: its text, and its tool calls as annotations (as in the transcript). */
export function answerTranscript(answer: { content: string; toolCalls?: ToolCallLike[] }): string {
  let text = answer.content || ""; // as the text part: an empty or missing content adds nothing
  for (const call of answer.toolCalls ?? []) text = withNote(text, toolCallNote(call));
  return text;
}

export function buildLogRow(args: { id: string; key: GatewayKey; config: GatewayConfig; decision: Decision; body: ChatRequestBody; sessionKey?: string; api?: InboundApiName; outcome: Outcome }): RequestLogInsert {
  const { id, key, config, decision, body, outcome: o } = args;
  const policy = config.snapshot.policies.get(decision.policy);
  const storePrompts = policy?.storePrompts ?? true;
  const escalationWaitMs = escalationWait(o.attempts);
  const answered = o.status === "ok" ? o.tier : null;
  const waste = wasteOf(o.attempts, answered);
  const costUsd = totalCost(o.attempts);
  return {
    id,
    createdAt: new Date(),
    apiKeyId: key.id,
    api: args.api ?? "chat",
    policyId: config.policyIds.get(decision.policy) ?? null,
    policyName: decision.policy,
    tierId: config.tierIds.get(o.tier) ?? null,
    tierName: o.tier,
    model: config.targets.get(o.tier)?.model ?? null,
    stage: o.stage,
    reason: o.reason,
    scores: (decision.scores ?? undefined) as Prisma.InputJsonValue | undefined,
    decision: decision as unknown as Prisma.InputJsonValue, // as decided: no copy
    uncertainty: decision.uncertainty,
    escalated: o.escalated,
    hedged: o.hedged,
    latency: { routingMs: o.routingMs, overheadMs: o.overheadMs, escalationWaitMs, firstTokenMs: o.firstTokenMs ?? null, attempts: o.attempts } as unknown as Prisma.InputJsonValue,
    totalMs: o.totalMs,
    promptTokens: o.promptTokens,
    completionTokens: o.completionTokens,
    costUsd,
    baselineCostUsd: baselineCost(config, decision.policy, o),
    escalationWasteUsd: waste.escalationWasteUsd,
    hedgeWasteUsd: waste.hedgeWasteUsd,
    explored: decision.explored === true,
    exploreCostUsd: decision.explored ? costUsd - (decision.scores?.costUsd[policyChoice(decision.propensities)] ?? costUsd) : 0,
    overheadMs: o.overheadMs,
    escalationWaitMs,
    quality: answered && policy ? servedQuality(decision.scores, policy.tiers, answered) : null,
    status: o.status,
    httpStatus: o.httpStatus,
    error: o.error ?? null,
    prompt: storePrompts ? transcript(body) : null,
    response: storePrompts && o.response !== undefined ? o.response.slice(0, MAX_TEXT) : null,
    sessionKey: args.sessionKey ?? null,
    stream: body.stream === true,
    isDemo: false,
  };
}

/** Time spent on attempts that did not answer (escalated from, failed, skipped): a hedge's losing leg ran alongside, so it does not count. */
function escalationWait(attempts: AttemptRecord[]): number {
  let ms = 0;
  for (const a of attempts) if (a.outcome !== "ok" && a.outcome !== "hedge-lost") ms += a.ms;
  return ms;
}

/**
 * What this answer would have cost on the policy's most capable enabled tier (the "everything to
 * the top tier" baseline of the overview): the answer's tokens at that tier's prices now.
 */
export function baselineCost(config: GatewayConfig, policyName: string, o: Pick<Outcome, "promptTokens" | "completionTokens">): number {
  const policy = config.snapshot.policies.get(policyName);
  if (!policy) return 0;
  for (let i = policy.tiers.length - 1; i >= 0; i--) {
    const tier = config.snapshot.tiers.get(policy.tiers[i]!);
    if (tier?.enabled) return costOf(tier, o);
  }
  return 0;
}
