/**
 * When a tier's row on the upstream-health page turns red, and when its error-rate alert fires:
 * one rule for both. Pure. A tier is "down" while its breaker is open (or half-open) on any
 * gateway instance; "failing" when, with at least `minAttempts` attempts in the window, more
 * than `above` of them failed; otherwise "ok" (or "idle" without traffic).
 */
export const ERROR_WINDOW_MS = 5 * 60_000;
export const ERROR_MIN_ATTEMPTS = 20;

export type TierVerdict = "ok" | "idle" | "failing" | "down";

export function isErrorRateHigh(s: { attempts: number; errors: number }, above: number, minAttempts = ERROR_MIN_ATTEMPTS): boolean {
  return s.attempts >= minAttempts && s.errors / s.attempts > above;
}

export function tierVerdict(s: { attempts: number; errors: number; breakerOpen: boolean }, above: number, minAttempts = ERROR_MIN_ATTEMPTS): TierVerdict {
  if (s.breakerOpen) return "down";
  if (isErrorRateHigh(s, above, minAttempts)) return "failing";
  return s.attempts === 0 ? "idle" : "ok";
}
