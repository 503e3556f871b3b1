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

/**
 * Recent outcomes, oldest first: an immutable view [start, end) of an append-only buffer that
 * successive states share. Appending from the newest view writes in place (no copy per request,
 * which mattered: copying up to 256 samples was ~10 KB of garbage per gateway request); appending
 * from an older view, or from an empty one, starts a new buffer, so no state ever sees another's
 * outcomes. Entries are `at` for a success and `-at - 1` for a failure (`at`: epoch ms, ≥ 0).
 */
const atOf = (entry: number) => (entry >= 0 ? entry : -entry - 1);

export class Outcomes {
  static readonly EMPTY = new Outcomes([], 0, 0);

  private constructor(private readonly buf: number[], private readonly start: number, private readonly end: number) {}

  get length(): number {
    return this.end - this.start;
  }

  failures(): number {
    let n = 0;
    for (let i = this.start; i < this.end; i++) if (this.buf[i]! < 0) n++;
    return n;
  }

  /** This view minus outcomes older than `windowMs`, plus one at `now`, capped at `max`. */
  remember(now: number, ok: boolean, windowMs: number, max: number): Outcomes {
    let start = this.start;
    while (start < this.end && now - atOf(this.buf[start]!) >= windowMs) start++;
    const value = ok ? now : -now - 1;
    let buf = this.buf;
    let end = this.end;
    if (start === end || end !== buf.length || start > 4 * max) {
      buf = buf.slice(start, end); // a fresh buffer: empty, a branch, or compaction
      end -= start;
      start = 0;
    }
    buf.push(value);
    end++;
    return new Outcomes(buf, Math.max(start, end - max), end);
  }

  toJSON(): Array<{ at: number; ok: boolean }> {
    return this.buf.slice(this.start, this.end).map((v) => ({ at: atOf(v), ok: v >= 0 }));
  }
}

export type BreakerState = {
  readonly status: "closed" | "open" | "half-open";
  readonly consecutiveFailures: number;
  readonly samples: Outcomes;
  readonly openedAt: number | null;
  readonly probesInFlight: number;
};

export const CLOSED: BreakerState = { status: "closed", consecutiveFailures: 0, samples: Outcomes.EMPTY, openedAt: null, probesInFlight: 0 };

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
  return { ...current, consecutiveFailures: 0, samples: current.samples.remember(now, true, cfg.windowMs, MAX_SAMPLES) };
}

export function recordFailure(state: BreakerState, now: number, cfg: BreakerConfig = DEFAULT_BREAKER): BreakerState {
  const current = advance(state, now, cfg);
  if (current.status === "half-open") return open(current, now);
  if (current.status === "open") return current;
  const samples = current.samples.remember(now, false, cfg.windowMs, MAX_SAMPLES);
  const consecutiveFailures = current.consecutiveFailures + 1;
  const failures = samples.failures();
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
  return { status: "open", consecutiveFailures: state.consecutiveFailures + 1, samples: Outcomes.EMPTY, openedAt: now, probesInFlight: 0 };
}
