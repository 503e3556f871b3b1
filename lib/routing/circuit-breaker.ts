/**
 * A per-tier circuit breaker as a pure state machine; the gateway keeps one state per tier and
 * passes `now` (epoch ms) in.
 *   closed    → open       after `failureThreshold` consecutive failures, or when at least
 *                          `minSamples` outcomes in the last `windowMs` fail at ≥ `failureRate`
 *   open      → half-open  once `cooldownMs` has passed (on the next canRequest/healthOf)
 *   half-open → closed     on a success;  half-open → open on a failure (cooldown restarts)
 * In half-open at most `halfOpenProbes` requests are let through at a time.
 */
import type { TierHealth } from "./types";

export type BreakerConfig = {
  failureThreshold: number;
  failureRate: number;
  minSamples: number;
  windowMs: number;
  cooldownMs: number;
  halfOpenProbes: number;
};

export const DEFAULT_BREAKER: BreakerConfig = {
  failureThreshold: 5,
  failureRate: 0.5,
  minSamples: 20,
  windowMs: 30_000,
  cooldownMs: 15_000,
  halfOpenProbes: 1,
};

/** Bound on remembered outcomes, so a busy tier's state stays small. */
const MAX_SAMPLES = 256;

export type BreakerState = {
  readonly status: "closed" | "open" | "half-open";
  readonly consecutiveFailures: number;
  /** Recent outcomes, oldest first. */
  readonly samples: ReadonlyArray<{ at: number; ok: boolean }>;
  readonly openedAt: number | null;
  readonly probesInFlight: number;
};

export const CLOSED: BreakerState = { status: "closed", consecutiveFailures: 0, samples: [], openedAt: null, probesInFlight: 0 };

/** Applies the open → half-open transition due at `now`. */
export function advance(state: BreakerState, now: number, cfg: BreakerConfig = DEFAULT_BREAKER): BreakerState {
  if (state.status === "open" && state.openedAt !== null && now - state.openedAt >= cfg.cooldownMs) {
    return { ...state, status: "half-open", probesInFlight: 0 };
  }
  return state;
}

/** Whether a request may go to the tier now, and the state after counting it (a probe when half-open). */
export function canRequest(state: BreakerState, now: number, cfg: BreakerConfig = DEFAULT_BREAKER): { allowed: boolean; state: BreakerState } {
  const current = advance(state, now, cfg);
  if (current.status === "closed") return { allowed: true, state: current };
  if (current.status === "open" || current.probesInFlight >= cfg.halfOpenProbes) return { allowed: false, state: current };
  return { allowed: true, state: { ...current, probesInFlight: current.probesInFlight + 1 } };
}

export function recordSuccess(state: BreakerState, now: number, cfg: BreakerConfig = DEFAULT_BREAKER): BreakerState {
  const current = advance(state, now, cfg);
  if (current.status === "half-open") return CLOSED;
  return { ...current, consecutiveFailures: 0, samples: remember(current.samples, now, true, cfg) };
}

export function recordFailure(state: BreakerState, now: number, cfg: BreakerConfig = DEFAULT_BREAKER): BreakerState {
  const current = advance(state, now, cfg);
  if (current.status === "half-open") return open(current, now);
  if (current.status === "open") return current;
  const samples = remember(current.samples, now, false, cfg);
  const consecutiveFailures = current.consecutiveFailures + 1;
  const failures = samples.filter((s) => !s.ok).length;
  const tripped =
    consecutiveFailures >= cfg.failureThreshold ||
    (samples.length >= cfg.minSamples && failures / samples.length >= cfg.failureRate);
  return tripped ? open({ ...current, samples }, now) : { ...current, consecutiveFailures, samples };
}

/** The engine's view of the breaker (EngineContext.health). */
export function healthOf(state: BreakerState, now: number, cfg: BreakerConfig = DEFAULT_BREAKER): TierHealth {
  const current = advance(state, now, cfg);
  return current.status === "closed" ? "healthy" : current.status === "half-open" ? "degraded" : "unhealthy";
}

function open(state: BreakerState, now: number): BreakerState {
  return { status: "open", consecutiveFailures: state.consecutiveFailures + 1, samples: [], openedAt: now, probesInFlight: 0 };
}

function remember(samples: BreakerState["samples"], now: number, ok: boolean, cfg: BreakerConfig): BreakerState["samples"] {
  const kept = samples.filter((s) => now - s.at < cfg.windowMs);
  kept.push({ at: now, ok });
  return kept.length > MAX_SAMPLES ? kept.slice(kept.length - MAX_SAMPLES) : kept;
}
