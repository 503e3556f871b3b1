/**
 * One gateway request as an OpenTelemetry trace (README: Tracing): a SERVER span for the request
 * (continuing the client's `traceparent`), a `frontdesk.decide` child timed around the pure
 * decide() call, and a CLIENT span per upstream attempt named as the GenAI conventions name them
 * ("chat {model}"), whose context goes upstream as `traceparent`. Attempt spans end when their
 * call settles, but are exported only once the request ends, when the execution's attempt records
 * say what became of them (ok, low-confidence, hedge-lost, error) — a hedge's aborted leg is not
 * an error. A live stream's attempt span ends with the stream.
 *
 * `startRequestTrace` returns undefined when tracing is off: callers use `trace?.`, and no span
 * object is made.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type TextMapGetter } from "@opentelemetry/api";
import { ATTR_ERROR_TYPE, ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE } from "@opentelemetry/semantic-conventions";
import { isProviderError, type ProviderTarget } from "../providers/index";
import type { AttemptCause, AttemptRecord } from "../routing/execution/attempt-record";
import type { Decision } from "../routing/types";
import { tracing, type Tracing } from "../telemetry/tracing";
import type { Outcome } from "./build-log-row";
import type { AttemptAnswer, ExecTrace } from "./drivers/exec-context";
import type { GatewayRequest } from "./gateway-io";

/** GenAI semantic-convention attributes (still "development" there, so named here rather than imported from the incubating entry). */
export const GEN_AI = {
  system: "gen_ai.system",
  provider: "gen_ai.provider.name",
  operation: "gen_ai.operation.name",
  requestModel: "gen_ai.request.model",
  responseModel: "gen_ai.response.model",
  inputTokens: "gen_ai.usage.input_tokens",
  outputTokens: "gen_ai.usage.output_tokens",
  finishReasons: "gen_ai.response.finish_reasons",
} as const;

export type TracedApi = "chat" | "messages" | "responses" | "embeddings";

const ROUTES: Record<TracedApi, string> = {
  chat: "/api/v1/chat/completions",
  messages: "/api/v1/messages",
  responses: "/api/v1/responses",
  embeddings: "/api/v1/embeddings",
};

const SYSTEMS: Record<string, string> = { openai: "openai", anthropic: "anthropic", simulated: "frontdesk.simulated" };

/** How the attempt spans name why an attempt was made. */
const REASONS: Record<AttemptCause, string> = { decision: "first", escalation: "escalation", fallback: "fallback", hedge: "hedge" };

const HEADER_GETTER: TextMapGetter<GatewayRequest> = {
  get: (req, key) => req.header(key),
  keys: () => ["traceparent", "tracestate"],
};

type Attempt = { tier: string; cause: AttemptCause; span: Span; endedAt: number | null; failure: unknown; answered: boolean; record?: AttemptRecord };

export class RequestTrace implements ExecTrace {
  private readonly attempts: Attempt[] = [];
  private readonly context: Context;
  private ended = false;

  constructor(
    private readonly t: Tracing,
    readonly span: Span,
  ) {
    this.context = trace.setSpan(ROOT_CONTEXT, span);
  }

  /** The decision, as a child span from `startedAt` (performance.now) lasting `ms`. */
  decided(decision: Decision, requestModel: string, startedAt: number, ms: number) {
    const attributes: Attributes = { "frontdesk.policy": decision.policy, "frontdesk.tier": decision.tier, "frontdesk.stage": decision.stage };
    this.span.setAttributes({ ...attributes, [GEN_AI.requestModel]: requestModel });
    const span = this.t.tracer.startSpan("frontdesk.decide", { startTime: startedAt, attributes }, this.context);
    span.setAttributes({
      "frontdesk.reason": decision.reason,
      "frontdesk.fallbacks": decision.fallbacks,
      ...(decision.escalation ? { "frontdesk.escalation.path": decision.escalation.path } : {}),
      ...(decision.hedge ? { "frontdesk.hedge.tier": decision.hedge.tier } : {}),
      ...(decision.rule ? { "frontdesk.rule": decision.rule } : {}),
    });
    span.end(startedAt + ms);
  }

  call<P>(target: ProviderTarget, cause: AttemptCause, run: (headers: Record<string, string>) => Promise<P>, answerOf: (payload: P) => AttemptAnswer | null): Promise<P> {
    const a = this.startAttempt(target, cause, "chat");
    const headers: Record<string, string> = {};
    this.t.propagator.inject(trace.setSpan(ROOT_CONTEXT, a.span), headers, { set: (carrier, key, value) => void (carrier[key] = value) });
    return run(headers).then(
      (payload) => {
        const answer = answerOf(payload);
        if (answer) this.answered(a, answer);
        return payload;
      },
      (error: unknown) => {
        a.endedAt = performance.now();
        a.failure = error;
        throw error;
      },
    );
  }

  /** The embeddings path's one upstream call (no execution machine, so no attempt records). */
  embeddingsAttempt(target: ProviderTarget): { headers: Record<string, string>; done(inputTokens: number | null, error?: unknown): void } {
    const a = this.startAttempt(target, "decision", "embeddings");
    const headers: Record<string, string> = {};
    this.t.propagator.inject(trace.setSpan(ROOT_CONTEXT, a.span), headers, { set: (carrier, key, value) => void (carrier[key] = value) });
    return {
      headers,
      done: (inputTokens, error) => {
        if (inputTokens !== null) a.span.setAttribute(GEN_AI.inputTokens, inputTokens);
        a.failure = error;
        a.endedAt = performance.now();
        a.answered = error === undefined;
      },
    };
  }

  /** Ends every span: the attempts with what their records say, then the request with its outcome. */
  end(o: Pick<Outcome, "tier" | "stage" | "status" | "httpStatus" | "error" | "promptTokens" | "completionTokens" | "escalated" | "hedged"> & { attempts?: AttemptRecord[]; decisionId: string; model?: string }) {
    if (this.ended) return;
    this.ended = true;
    // every end on the performance clock the starts were given on (a span's own clock is Date-based)
    const now = performance.now();
    this.match(o.attempts ?? []);
    for (const a of this.attempts) this.endAttempt(a, now);
    this.span.setAttributes({
      "frontdesk.tier": o.tier,
      "frontdesk.stage": o.stage,
      "frontdesk.decision_id": o.decisionId,
      "frontdesk.escalated": o.escalated,
      "frontdesk.hedged": o.hedged,
      [ATTR_HTTP_RESPONSE_STATUS_CODE]: o.httpStatus,
      [GEN_AI.inputTokens]: o.promptTokens,
      [GEN_AI.outputTokens]: o.completionTokens,
      ...(o.model ? { [GEN_AI.responseModel]: o.model } : {}),
    });
    if (o.status === "error" || o.httpStatus >= 500) this.span.setStatus({ code: SpanStatusCode.ERROR, message: o.error });
    this.span.end(now);
  }

  /** A request refused before any upstream call (bad key, rate limit, budget, no tier): 4xx are the client's, 5xx an error. */
  refused(httpStatus: number, error: unknown) {
    if (this.ended) return;
    this.ended = true;
    const now = performance.now();
    for (const a of this.attempts) this.endAttempt(a, now);
    this.span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, httpStatus);
    const message = error instanceof Error ? error.message : String(error);
    if (httpStatus >= 500) this.span.setStatus({ code: SpanStatusCode.ERROR, message });
    this.span.setAttribute(ATTR_ERROR_TYPE, String(httpStatus));
    this.span.end(now);
  }

  private startAttempt(target: ProviderTarget, cause: AttemptCause, operation: "chat" | "embeddings"): Attempt {
    const system = SYSTEMS[target.provider] ?? target.provider;
    const span = this.t.tracer.startSpan(
      `${operation} ${target.model}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [GEN_AI.operation]: operation,
          [GEN_AI.system]: system,
          [GEN_AI.provider]: system,
          [GEN_AI.requestModel]: target.model,
          "frontdesk.tier": target.name,
          "frontdesk.attempt.reason": REASONS[cause],
        },
      },
      this.context,
    );
    const a: Attempt = { tier: target.name, cause, span, endedAt: null, failure: undefined, answered: false };
    this.attempts.push(a);
    return a;
  }

  private answered(a: Attempt, answer: AttemptAnswer) {
    a.endedAt = performance.now();
    a.answered = true;
    a.span.setAttributes({
      [GEN_AI.inputTokens]: answer.usage.promptTokens,
      [GEN_AI.outputTokens]: answer.usage.completionTokens,
      ...(answer.model ? { [GEN_AI.responseModel]: answer.model } : {}),
      ...(answer.finishReason ? { [GEN_AI.finishReasons]: [answer.finishReason] } : {}),
    });
  }

  /** Each record to the first attempt of its tier and cause not yet matched (skipped tiers made no call). */
  private match(records: AttemptRecord[]) {
    for (const record of records) {
      if (record.outcome === "skipped") {
        this.span.addEvent("frontdesk.attempt.skipped", { "frontdesk.tier": record.tier, "frontdesk.reason": record.error ?? "" });
        continue;
      }
      const a = this.attempts.find((x) => !x.record && x.tier === record.tier && x.cause === (record.cause ?? "decision"));
      if (a) a.record = record;
    }
  }

  private endAttempt(a: Attempt, now: number) {
    const r = a.record;
    if (r) {
      a.span.setAttributes({ "frontdesk.attempt.outcome": r.outcome, "frontdesk.cost_usd": r.costUsd, ...(r.confidence !== undefined ? { "frontdesk.confidence": r.confidence } : {}) });
      // a tier of several deployments: which one served the attempt, and how many it moved on from
      if (r.deployment) a.span.setAttributes({ "frontdesk.deployment": r.deployment, "frontdesk.deployment.failovers": r.failovers?.length ?? 0, [GEN_AI.requestModel]: r.model });
      // a live stream's usage is known only from its record
      if (!a.answered) a.span.setAttributes({ [GEN_AI.inputTokens]: r.promptTokens, [GEN_AI.outputTokens]: r.completionTokens });
    }
    const isError = r ? r.outcome === "error" : a.failure !== undefined;
    if (isError) {
      const failure = a.failure;
      a.span.setStatus({ code: SpanStatusCode.ERROR, message: r?.error ?? (failure instanceof Error ? failure.message : String(failure)) });
      a.span.setAttribute(ATTR_ERROR_TYPE, isProviderError(failure) ? failure.kind : r?.status ? String(r.status) : "error");
    }
    a.span.end(a.endedAt ?? now);
  }
}

/** The request's SERVER span, continuing the client's trace when it sent a `traceparent`; undefined when tracing is off. */
export function startRequestTrace(req: GatewayRequest, api: TracedApi, startedAt: number): RequestTrace | undefined {
  const t = tracing();
  if (!t) return undefined;
  const parent = t.propagator.extract(ROOT_CONTEXT, req, HEADER_GETTER);
  const route = ROUTES[api];
  const span = t.tracer.startSpan(
    `POST ${route}`,
    { kind: SpanKind.SERVER, startTime: startedAt, attributes: { [ATTR_HTTP_REQUEST_METHOD]: "POST", [ATTR_HTTP_ROUTE]: route, "frontdesk.api": api, [GEN_AI.operation]: api === "embeddings" ? "embeddings" : "chat" } },
    parent,
  );
  return new RequestTrace(t, span);
}
