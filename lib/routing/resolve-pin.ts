/**
 * Session pinning: requests of one session (x-frontdesk-session or the `user` field) stay on the
 * session's tier. Precedence: budget > bypass > rules > pin > classifier: an explicit rule still
 * wins over a pin, and escalation still applies to a pinned request (the gateway re-pins the
 * session to the tier that finally answered). A pin to a tier that is not one of the policy's
 * usable tiers, or whose breaker is open, is ignored.
 */
import type { TierHealth } from "./types";

export type PinVerdict = { use: true; tier: string } | { use: false; note: string | null };

export function resolvePin(pinnedTier: string | undefined, usableTiers: readonly string[], health: (tier: string) => TierHealth): PinVerdict {
  if (pinnedTier === undefined) return { use: false, note: null };
  if (!usableTiers.includes(pinnedTier)) {
    return { use: false, note: `session pin "${pinnedTier}" ignored: not a usable tier of this policy` };
  }
  if (health(pinnedTier) === "unhealthy") {
    return { use: false, note: `session pin "${pinnedTier}" ignored: tier unhealthy (circuit open)` };
  }
  return { use: true, tier: pinnedTier };
}
