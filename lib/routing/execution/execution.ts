/**
 * The execution of a decision as one step machine: which tier to call next, whether an answer
 * is good enough, when to climb, hedge or fall back, what each attempt cost — and nothing else.
 * No I/O: the clock, the breakers' permission and the budget arrive in `env`; a driver performs
 * the actions and feeds back the events (lib/gateway/drivers for live traffic, run-virtual.ts for
 * the demo and replay).
 *
 * Rules, each in one place:
 * - Next tier: escalation climbs `decision.escalation.path` (the usable tiers above the chosen
 *   one: disabled and unknown tiers are never in it); an upstream failure moves along
 *   `decision.fallbacks` when the policy's fallbackOn covers it. A tier is tried at most once;
 *   a tier whose breaker refuses is skipped (recorded); `maxSteps` bounds the climbs.
 * - Judging: an answer is judged only when a climb could follow it (or it is a hedge's small
 *   leg); logprobs are asked for exactly then. An unjudged last attempt streams live.
 * - Hedging: the small leg starts, the large one after `delayMs` unless the small answer is in;
 *   a confident small answer wins, else the large answer; the loser is aborted (billed its prompt).
 * - An unsure answer is kept: when everything above it fails, is refused or the budget is
 *   gone, the client gets it rather than an error.
 * - A client that goes away ends the execution: never a tier failure, never a fallback.
 * - Budget: no further attempt once the key's remaining budget is used up by this request.
 */
import { assessAnswer, signalLabel, type Answer } from "../assess-answer";
import { shouldFallBack } from "../plan-fallback";
import { answeredRecord, failureText, unansweredRecord, type AttemptCause, type AttemptRecord } from "./attempt-record";
import { effectiveReason, effectiveStage } from "./summarize";
import type { DeploymentVia, ExecAction, ExecEnv, ExecEvent, ExecPlan, ExecResult, ExecSummary, Failure, LiveEnd, Step, Usage } from "./types";

type Role = "single" | "small" | "large";
type Leg = { id: number; tier: string; cause: AttemptCause; role: Role; startedAt: number; judged: boolean; open: boolean; via?: DeploymentVia };

const CLIENT_CLOSED = "aborted: the client closed the request";

export class Execution {
  readonly attempts: AttemptRecord[] = [];
  private readonly attempted = new Set<string>();
  private readonly legs: Leg[] = [];
  private readonly notes: string[] = [];
  private actions: ExecAction[] = [];
  private stepsLeft: number;
  private escalated = false;
  private hedged = false;
  private fellBack = false;
  private spentUsd = 0;
  private outOfBudget = false;
  /** The latest unsure answer: delivered when nothing better comes. */
  private held: Leg | null = null;
  private hedge: { small: Leg; large: Leg | null; waiting: boolean } | null = null;
  private lastFailure: Failure | null = null;
  private lastTier: string;
  private live: Leg | null = null;
  private result: ExecResult | null = null;

  constructor(
    private readonly plan: ExecPlan,
    private readonly env: ExecEnv,
  ) {
    this.stepsLeft = plan.decision.escalation?.maxSteps ?? 0;
    this.lastTier = plan.decision.tier;
  }

  start(): Step {
    const { tier, hedge } = this.plan.decision;
    const small = this.attempt(tier, "decision", hedge ? "small" : "single");
    if (small && hedge) {
      this.hedge = { small, large: null, waiting: true };
      this.actions.push({ type: "start-timer", ms: hedge.delayMs });
    }
    if (!small) this.fallBack(null);
    return this.step();
  }

  on(event: ExecEvent): Step {
    if (this.result) return { actions: [], result: this.result };
    if (event.type === "timer") {
      if (this.hedge?.waiting && this.hedge.small.open) this.startLarge();
      return this.step();
    }
    const leg = this.legs[event.leg];
    if (!leg?.open) return { actions: [], result: null };
    leg.open = false;
    if (event.via) leg.via = event.via;
    if (event.type === "answered") this.answered(leg, event.answer, event.usage, event.firstTokenMs);
    else if (event.type === "failed") this.failed(leg, event.failure, event.partial);
    else {
      this.live = leg;
      this.finish({ ok: true, leg: leg.id, tier: leg.tier, live: true });
    }
    return this.step();
  }

  /** A live attempt's stream is over: its record, and the summary with it. */
  endLive(end: LiveEnd): { summary: ExecSummary; actions: ExecAction[] } {
    const leg = this.live;
    if (!leg) throw new Error("endLive without a live attempt");
    this.live = null;
    const base = this.base(leg);
    if (end.failure?.kind === "aborted") this.push(unansweredRecord(base, "error", CLIENT_CLOSED, this.plan.promptTokens, { partial: end.partial }));
    else if (end.failure) this.failedRecord(leg, end.failure, end.partial);
    else {
      this.push(answeredRecord(base, end.usage ?? { promptTokens: this.plan.promptTokens, completionTokens: 0, estimated: true }, end.firstTokenMs !== undefined ? { firstTokenMs: end.firstTokenMs } : {}));
      this.actions.push({ type: "report", tier: leg.tier, ok: true });
    }
    const actions = this.actions;
    this.actions = [];
    return { summary: this.summary(leg.tier), actions };
  }

  // ── events ───────────────────────────────────────────────────────────────────────────────

  private answered(leg: Leg, answer: Answer, usage: Usage, firstTokenMs: number | null | undefined) {
    this.actions.push({ type: "report", tier: leg.tier, ok: true });
    const extra = firstTokenMs !== undefined ? { firstTokenMs } : {};
    if (!leg.judged) {
      this.push(answeredRecord(this.base(leg), usage, extra));
      return this.accept(leg);
    }
    const a = assessAnswer(answer, this.plan.assess, true, this.plan.tools);
    const record = answeredRecord(this.base(leg), usage, { ...extra, confidence: a.confidence, signals: a.signals.map(signalLabel) });
    this.push(record);
    if (!a.escalate) return this.accept(leg);
    record.outcome = "low-confidence";
    this.held = leg;
    if (leg.role !== "small") return this.climb(leg.tier);
    const hedge = this.hedge!;
    if (hedge.large?.open) return; // the large answer decides
    if (hedge.waiting && this.startLarge()) return;
    this.climb(leg.tier);
  }

  private failed(leg: Leg, failure: Failure, partial: Usage | undefined) {
    if (failure.kind === "aborted") return this.clientClosed(leg, failure, partial);
    this.failedRecord(leg, failure, partial);
    this.lastFailure = failure;
    const hedge = this.hedge;
    if (leg.role === "small" && hedge) {
      if (hedge.large?.open) return; // the large answer decides
      if (hedge.waiting && this.fallsBack(failure) && this.startLarge()) return;
    }
    if (leg.role === "large" && hedge?.small.open) return; // the small answer is all that is left
    this.fallBack(failure);
  }

  private clientClosed(leg: Leg, failure: Failure, partial: Usage | undefined) {
    this.push(unansweredRecord(this.base(leg), "error", CLIENT_CLOSED, this.plan.promptTokens, { partial }));
    for (const other of this.legs) {
      if (!other.open) continue;
      other.open = false;
      this.actions.push({ type: "abort", leg: other.id });
      this.push(unansweredRecord(this.base(other), "error", CLIENT_CLOSED, this.plan.promptTokens));
    }
    this.finish({ ok: false, tier: leg.tier, stop: "client-closed", failure });
  }

  // ── moves ────────────────────────────────────────────────────────────────────────────────

  /** After a failure (or a skipped first tier): the next fallback tier, or settle. */
  private fallBack(failure: Failure | null) {
    if (failure && !this.fallsBack(failure)) return this.settle();
    if (!this.hasBudget()) return this.settle();
    // with an unsure answer in hand only a tier above it can help
    const candidates = this.held ? this.pathAbove(this.held.tier) : this.plan.decision.fallbacks;
    for (const tier of candidates) {
      if (this.attempted.has(tier)) continue;
      this.fellBack = true;
      if (this.attempt(tier, "fallback", "single")) return;
    }
    this.settle();
  }

  /** After an unsure answer: the next tier up, while climbs are left; else settle. */
  private climb(from: string) {
    if (this.stepsLeft <= 0 || !this.hasBudget()) return this.settle();
    for (const tier of this.pathAbove(from)) {
      if (this.attempted.has(tier)) continue;
      this.stepsLeft--; // before the call: whether its answer is judged depends on the climbs left
      if (this.attempt(tier, "escalation", "single")) {
        this.escalated = true;
        return;
      }
      this.stepsLeft++;
    }
    this.settle();
  }

  /** Nothing more to try: the unsure answer in hand, else the failure. */
  private settle() {
    if (this.held) {
      if (this.attempts.at(-1)?.tier !== this.held.tier) this.notes.push(`kept ${this.held.tier}'s unsure answer`);
      return this.accept(this.held);
    }
    this.finish({ ok: false, tier: this.lastTier, stop: this.outOfBudget ? "budget" : "exhausted", failure: this.lastFailure });
  }

  private accept(leg: Leg) {
    for (const other of this.legs) {
      if (!other.open) continue;
      other.open = false;
      this.actions.push({ type: "abort", leg: other.id });
      this.push(unansweredRecord(this.base(other), "hedge-lost", "hedge lost: aborted", this.plan.promptTokens));
    }
    this.finish({ ok: true, leg: leg.id, tier: leg.tier, live: false });
  }

  private startLarge(): boolean {
    const hedge = this.hedge!;
    hedge.waiting = false;
    const tier = this.plan.decision.hedge!.tier;
    if (this.attempted.has(tier) || !this.hasBudget()) return false;
    const large = this.attempt(tier, "hedge", "large");
    if (!large) return false;
    hedge.large = large;
    this.hedged = true;
    return true;
  }

  /** Marks the tier tried; a call when its breaker lets it through, else a skipped record. */
  private attempt(tier: string, cause: AttemptCause, role: Role): Leg | null {
    this.attempted.add(tier);
    this.lastTier = tier;
    const now = this.env.now();
    if (!this.env.admit(tier)) {
      this.push(unansweredRecord(this.base({ tier, cause, startedAt: now }), "skipped", "circuit open", 0, { free: true }));
      return null;
    }
    const judged = role === "small" || (role === "single" && this.canClimbFrom(tier));
    const logprobs = role === "small" || (judged && !!this.plan.decision.escalation?.requestLogprobs);
    const leg: Leg = { id: this.legs.length, tier, cause, role, startedAt: now, judged, open: true };
    this.legs.push(leg);
    this.actions.push({ type: "call", leg: leg.id, tier, cause, logprobs, live: this.plan.live && !judged && role === "single" });
    return leg;
  }

  // ── helpers ──────────────────────────────────────────────────────────────────────────────

  private pathAbove(tier: string): readonly string[] {
    const path = this.plan.decision.escalation?.path ?? [];
    const at = path.indexOf(tier);
    return at < 0 ? path : path.slice(at + 1);
  }

  private canClimbFrom(tier: string): boolean {
    return this.stepsLeft > 0 && this.pathAbove(tier).some((t) => !this.attempted.has(t));
  }

  private fallsBack(failure: Failure): boolean {
    if (failure.kind === "internal") return true;
    if (failure.kind === "aborted") return false;
    const on = this.plan.fallbackOn;
    return shouldFallBack({ status: failure.kind === "http" ? failure.status : undefined, timeout: failure.kind === "timeout" || failure.kind === "stalled", connection: failure.kind === "connection" }, on);
  }

  private hasBudget(): boolean {
    if (this.env.budgetLeftUsd() - this.spentUsd > 0) return true;
    if (!this.outOfBudget) this.notes.push("budget used up: no further attempt");
    this.outOfBudget = true;
    return false;
  }

  private failedRecord(leg: Leg, failure: Failure, partial: Usage | undefined) {
    this.push(unansweredRecord(this.base(leg), "error", failureText(failure), this.plan.promptTokens, { status: failure.status, free: failure.kind === "connection", partial }));
    // a client error (4xx) says nothing about the tier's health
    if (failure.kind !== "http" || failure.retryable) this.actions.push({ type: "report", tier: leg.tier, ok: false });
  }

  private base(leg: Pick<Leg, "tier" | "cause" | "startedAt" | "via">) {
    const prices = this.plan.tiers.get(leg.tier);
    return { tier: leg.tier, model: leg.via?.model ?? prices?.model ?? leg.tier, ms: this.env.now() - leg.startedAt, cause: leg.cause, prices, via: leg.via };
  }

  private push(record: AttemptRecord) {
    this.attempts.push(record);
    this.spentUsd += record.costUsd;
  }

  private summary(tier: string): ExecSummary {
    const { decision } = this.plan;
    const e = { escalated: this.escalated, hedged: this.hedged, fellBack: this.fellBack, tier, attempts: this.attempts };
    return { attempts: this.attempts, escalated: e.escalated, hedged: e.hedged, fellBack: e.fellBack, stage: effectiveStage(decision, e), reason: effectiveReason(decision, e, this.notes) };
  }

  private finish(end: { ok: true; leg: number; tier: string; live: boolean } | { ok: false; tier: string; stop: "exhausted" | "client-closed" | "budget"; failure: Failure | null }) {
    // assembled field by field: object spread here was the machine's most expensive line
    this.result = Object.assign(this.summary(end.tier), end) as ExecResult;
  }

  private step(): Step {
    const actions = this.actions;
    this.actions = [];
    return { actions, result: this.result };
  }
}
