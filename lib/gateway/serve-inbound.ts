/**
 * The one implementation behind every inbound API (chat completions, Anthropic Messages, OpenAI
 * Responses), used by the Next.js route handlers and by the custom server's fast path: the API's
 * body → the internal chat request → route → execute (escalate, hedge, fall back) → the answer in
 * the API's shape with x-frontdesk-* headers → the request-log row pushed onto the batch writer
 * (never awaited). Only the shapes differ between APIs (InboundApi); the rest is shared.
 */
import { runShadow } from "../lab/shadow/run-shadow";
import type { Answer, StreamSummary, Usage } from "../providers/index";
import { totalCost } from "../routing/execution/attempt-record";
import type { ExecSummary } from "../routing/execution/types";
import { answerTranscript, buildLogRow, transcript, type Outcome } from "./build-log-row";
import type { ExecContext } from "./drivers/exec-context";
import { executeJson } from "./drivers/execute-json";
import { executeStream } from "./drivers/execute-stream";
import type { GatewayRequest, GatewayResponse } from "./gateway-io";
import type { InboundApi } from "./inbound/inbound-api";
import { upstreamBody } from "./prepare-request";
import { bufferedBody, frontdeskHeaders, liveBody, SSE_HEADERS, upstreamFailure } from "./respond";
import { routeRequest, type RoutedRequest } from "./route-request";
import { toFailure } from "../providers/index";
import { refused } from "./gateway-runtime";
import { uuidv7 } from "./uuidv7";
import { startRequestTrace, type RequestTrace } from "./request-trace";

type Routed<T = unknown> = RoutedRequest & { id: string; t0: number; settled: boolean; api: InboundApi<T>; inbound: T; trace?: RequestTrace };

const UNLIMITED = () => Infinity;

export async function serveInbound<T>(req: GatewayRequest, api: InboundApi<T>): Promise<GatewayResponse> {
  const t0 = performance.now();
  const trace = startRequestTrace(req, api.name, t0);
  let routed: Routed<T> | undefined;
  try {
    routed = Object.assign(await routeRequest(req, { execute: true, read: api.read }) as RoutedRequest & { inbound: T }, { id: uuidv7(), t0, settled: false, api, trace });
    const { runtime, config, key, body, decision } = routed;
    trace?.decided(decision, body.model, routed.routingStartedAt, routed.routingMs);
    const x: ExecContext = {
      runtime,
      config,
      decision,
      body: upstreamBody(body),
      signal: req.signal,
      promptTokens: routed.promptTokens,
      budgetLeftUsd: key.monthlyBudgetUsd === null ? UNLIMITED : budgetLeft(routed),
      trace,
    };
    return body.stream ? await respondStream(routed, x) : await respondJson(routed, x);
  } catch (error) {
    if (routed && !routed.settled) settle(routed, 0); // nothing was recorded: the reservation goes
    const res = refused(api.name, api.errorResponse(error));
    trace?.refused(res.status, error);
    return res;
  }
}

/** What the execution may still spend: the cap minus the key's spend and the reservations of its
 *  other requests in flight — not this one's own, which would stop its own first attempt. */
function budgetLeft(r: Routed): () => number {
  const cap = r.key.monthlyBudgetUsd!;
  return () => cap - (r.runtime.budgets.committed(r.key.id, Date.now()) - (r.settled ? 0 : r.reservedUsd));
}

/** The request's reservation released (once) and its actual cost spent. */
function settle(r: Routed, costUsd: number) {
  if (r.key.monthlyBudgetUsd !== null && !r.settled) r.runtime.budgets.settle(r.key.id, r.reservedUsd, costUsd, Date.now());
  else r.runtime.budgets.add(r.key.id, costUsd, Date.now());
  r.settled = true;
}

function finish(r: Routed, outcome: Outcome) {
  r.trace?.end({ ...outcome, decisionId: r.id, model: r.config.targets.get(outcome.tier)?.model });
  r.runtime.afterResponse(() => r.runtime.logRequest(buildLogRow({ id: r.id, key: r.key, config: r.config, decision: r.decision, body: r.body, sessionKey: r.request.sessionKey, api: r.api.name, outcome })));
  settle(r, totalCost(outcome.attempts));
  if (r.pinKey && outcome.status === "ok") r.runtime.pins.set(r.pinKey, outcome.tier, Date.now());
}

/**
 * Shadow evaluation: for the policy's sampled share of answered requests (a tier the client named
 * is not sampled), once the answer is out, the same request goes to another tier and the pair is
 * graded in the background — the client's answer is never delayed or changed.
 */
function maybeShadow(r: Routed, tier: string, answer: Answer, usage: Usage) {
  const policy = r.config.snapshot.policies.get(r.decision.policy);
  if (!policy?.shadow.enabled || r.decision.stage === "bypass" || Math.random() >= policy.shadow.rate) return;
  const { runtime, config } = r;
  runtime.afterResponse(() =>
    runtime.inBackground(() =>
      runShadow(
        {
          requestId: r.id,
          policy,
          tiers: config.snapshot.tiers,
          targets: config.targets,
          body: upstreamBody(r.body),
          text: transcript(r.body),
          served: { tier, answer, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens },
          rng: Math.random,
          now: Date.now,
        },
        runtime.shadowBudget,
      ),
    ),
  );
}

/** How an execution ended, beyond its summary: the outcome's fields that differ per ending. */
type Ending = Pick<Outcome, "status" | "httpStatus" | "error" | "promptTokens" | "completionTokens" | "response" | "firstTokenMs">;

/** The request's outcome, built as one object (spread copies of a shared base showed in profiles). */
function outcomeOf(r: Routed, e: ExecSummary & { tier: string }, overheadMs: number, end: Ending): Outcome {
  return {
    tier: e.tier,
    stage: e.stage,
    reason: e.reason,
    attempts: e.attempts,
    escalated: e.escalated,
    hedged: e.hedged,
    routingMs: r.routingMs,
    overheadMs,
    totalMs: performance.now() - r.t0,
    status: end.status,
    httpStatus: end.httpStatus,
    error: end.error,
    promptTokens: end.promptTokens,
    completionTokens: end.completionTokens,
    response: end.response,
    firstTokenMs: end.firstTokenMs,
  };
}

function failure<T>(r: Routed<T>, exec: ExecSummary & { tier: string; error: unknown }, preMs: number): GatewayResponse {
  const error = upstreamFailure(exec.error, exec.tier);
  finish(r, outcomeOf(r, exec, preMs, { status: "error", httpStatus: error.status, error: error.message, promptTokens: 0, completionTokens: 0 }));
  const headers = frontdeskHeaders({ tier: exec.tier, model: r.config.targets.get(exec.tier)?.model ?? "", stage: exec.stage, decisionId: r.id, overheadMs: preMs });
  return r.api.errorResponse(error, headers);
}

async function respondJson<T>(r: Routed<T>, x: ExecContext): Promise<GatewayResponse> {
  const preMs = performance.now() - r.t0;
  const exec = await executeJson(x);
  if (!exec.ok) return failure(r, exec, preMs);
  const tPost = performance.now();
  const model = r.config.targets.get(exec.tier)!.model;
  const text = r.api.json(exec.result, answerContext(r, model));
  const overheadMs = preMs + (performance.now() - tPost);
  const headers = frontdeskHeaders({ tier: exec.tier, model, stage: exec.stage, decisionId: r.id, overheadMs }, { "content-type": "application/json" });
  const { answer, usage } = exec.result;
  finish(r, outcomeOf(r, exec, overheadMs, { status: "ok", httpStatus: 200, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, response: answerTranscript(answer) }));
  maybeShadow(r, exec.tier, answer, usage);
  return { status: 200, headers, body: text };
}

async function respondStream<T>(r: Routed<T>, x: ExecContext): Promise<GatewayResponse> {
  const preMs = performance.now() - r.t0;
  const exec = await executeStream(x);
  if (!exec.ok) return failure(r, exec, preMs);
  const target = r.config.targets.get(exec.tier)!;
  const headers = frontdeskHeaders({ tier: exec.tier, model: target.model, stage: exec.stage, decisionId: r.id, overheadMs: preMs }, { ...SSE_HEADERS });
  const done = (summary: StreamSummary | undefined, error: unknown, e: ExecSummary) => {
    if (summary && !error) maybeShadow(r, exec.tier, summary.answer, summary.usage);
    finish(
      r,
      outcomeOf(r, { ...e, tier: exec.tier }, preMs, {
        status: error ? "error" : "ok",
        httpStatus: 200,
        error: error ? (error instanceof Error ? error.message : String(error)) : undefined,
        promptTokens: summary?.usage.promptTokens ?? 0,
        completionTokens: summary?.usage.completionTokens ?? 0,
        response: summary && answerTranscript(summary.answer),
        firstTokenMs: summary?.firstTokenMs ?? null,
      }),
    );
  };
  if (exec.mode === "buffered") {
    done(exec.summary, undefined, exec);
    return { status: 200, headers, body: r.api.sse(bufferedBody(exec.chunks), answerContext(r, target.model)) };
  }
  const body = liveBody(exec.stream, (end) => {
    if ("summary" in end) return done(end.summary, undefined, exec.endLive({ usage: end.summary.usage, firstTokenMs: end.summary.firstTokenMs }));
    // cut short (the client left, or the upstream broke): billed and logged for what was produced until then
    const failure = "clientClosed" in end ? { kind: "aborted" as const, message: "the client closed the stream" } : toFailure(end.error);
    done(end.partial, "clientClosed" in end ? new Error("client disconnected") : end.error, exec.endLive({ failure, partial: end.partial.usage }));
  });
  return { status: 200, headers, body: r.api.sse(body, answerContext(r, target.model)) };
}

function answerContext<T>(r: Routed<T>, model: string) {
  return { id: r.id, body: r.body, inbound: r.inbound, model, created: Math.floor(Date.now() / 1000) };
}
