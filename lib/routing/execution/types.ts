/**
 * The execution machine's vocabulary. A driver (JSON, stream, demo, replay) performs the
 * machine's actions — start a call, start the hedge timer, abort a leg, report a tier's health —
 * and feeds back what happened as events, until the machine returns a result.
 */
import type { Answer } from "../assess-answer";
import type { ToolContext } from "../assess-tool-calls";
import type { FallbackOn, TierConfig } from "../config-schema";
import type { Decision } from "../types";
import type { AttemptCause, AttemptRecord } from "./attempt-record";
import type { Failure, Usage } from "./upstream";

export type { Failure, Usage };

/** What the machine needs from the decision and the config. */
export type ExecPlan = {
  decision: Pick<Decision, "tier" | "stage" | "reason" | "fallbacks" | "escalation" | "hedge">;
  /** Prices and models by tier name (the config snapshot's tiers). */
  tiers: ReadonlyMap<string, Pick<TierConfig, "model" | "inputUsdPerMTok" | "outputUsdPerMTok">>;
  fallbackOn: FallbackOn;
  /** How answers are judged (the policy's escalation settings; also used by hedging). */
  assess: { minConfidence: number; noLogprobsConfidence: number };
  /** The request's declared tools and tool_choice: what a tool call is judged against. */
  tools?: ToolContext;
  /** Estimated prompt tokens: what a failed call is billed. */
  promptTokens: number;
  /** Streaming: an attempt whose answer will not be judged streams to the client as it comes. */
  live: boolean;
};

export type ExecEnv = {
  /** Milliseconds (performance.now, or a virtual clock in the demo and replay). */
  now: () => number;
  /** The tier's breaker lets a call through (may use up a half-open probe). */
  admit: (tier: string) => boolean;
  /** USD left in the key's monthly budget before this request (Infinity without a cap). */
  budgetLeftUsd: () => number;
};

/** Which deployment of a tier served an attempt (tiers listing several), and the ones it moved on from. */
export type DeploymentVia = { deployment: string; model: string; failovers: string[] };

export type ExecEvent =
  | { type: "answered"; leg: number; answer: Answer; usage: Usage; firstTokenMs?: number | null; via?: DeploymentVia }
  | { type: "failed"; leg: number; failure: Failure; partial?: Usage; via?: DeploymentVia }
  /** A live attempt's stream has started: it is the answer, passed through unjudged. */
  | { type: "streaming"; leg: number; via?: DeploymentVia }
  /** The hedge delay has passed. */
  | { type: "timer" };

export type ExecAction =
  /** `cause`: why (the decision's tier, a climb, a fallback, the hedge's second leg), as its attempt record will say. */
  | { type: "call"; leg: number; tier: string; cause: AttemptCause; logprobs: boolean; live: boolean }
  | { type: "start-timer"; ms: number }
  | { type: "abort"; leg: number }
  | { type: "report"; tier: string; ok: boolean };

export type ExecSummary = {
  attempts: AttemptRecord[];
  escalated: boolean;
  /** A hedge's second leg was started. */
  hedged: boolean;
  fellBack: boolean;
  /** The stage the log and the x-frontdesk-stage header name (escalation, hedge, fallback or the decision's). */
  stage: string;
  /** The decision's reason plus what happened after it. */
  reason: string;
};

export type ExecResult = ExecSummary &
  (
    | { ok: true; leg: number; tier: string; live: boolean }
    /** `failure` null: no tier could be tried at all (every one skipped). */
    | { ok: false; tier: string; stop: "exhausted" | "client-closed" | "budget"; failure: Failure | null }
  );

export type Step = { actions: ExecAction[]; result: ExecResult | null };

/** How a live attempt ended, once its stream is over. */
export type LiveEnd = { usage?: Usage; firstTokenMs?: number | null; failure?: Failure; partial?: Usage };
