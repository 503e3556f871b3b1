/**
 * Month-to-date spend per API key, for budget caps. The base comes from the request log (all
 * instances' traffic, refreshed periodically); costs this instance recorded since the last
 * refresh are added on top so a key cannot overspend between refreshes.
 *
 * Requests in flight hold a reservation: their estimated cost (reservedCostUsd), taken when the
 * request is decided and settled to the actual cost when it ends. The budget check sees spent +
 * reserved (`committed`), so parallel requests cannot all pass a cap that fits one of them.
 * Reservations live on this instance only and survive refreshes and month boundaries (they are
 * not in the request log yet).
 */
import type { TierConfig } from "../routing/config-schema";
import { costOf } from "../routing/execution/attempt-record";
import { monthStart } from "../routing/check-budget";

/** Output tokens a request is expected to produce when it sets no max_tokens / max_completion_tokens. */
export const EXPECTED_OUTPUT_TOKENS = 1024;

/** A request's cost on `tier` as reserved before the call: its prompt plus its output limit (or the expected output). */
export function reservedCostUsd(tier: Pick<TierConfig, "inputUsdPerMTok" | "outputUsdPerMTok"> | undefined, promptTokens: number, maxOutputTokens: number | null | undefined): number {
  return costOf(tier, { promptTokens, completionTokens: maxOutputTokens ?? EXPECTED_OUTPUT_TOKENS });
}

function nextMonthStart(start: Date): number {
  return Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
}

export class BudgetTracker {
  private base = new Map<string, number>();
  private local = new Map<string, number>();
  private reserved = new Map<string, { usd: number; count: number }>();
  /** The current month as [start, next start) in epoch ms: checked on every request, so numbers, not Dates. */
  private monthFrom = 0;
  private monthTo = 0;

  /** Replace the base with fresh sums from the database (keys not listed spent nothing). */
  refresh(sums: Map<string, number>, now: number) {
    this.setMonth(now);
    this.base = new Map(sums);
    this.local.clear();
  }

  add(keyId: string, usd: number, now: number) {
    if (!(usd > 0)) return;
    this.rollMonth(now);
    this.local.set(keyId, (this.local.get(keyId) ?? 0) + usd);
  }

  spent(keyId: string, now: number): number {
    this.rollMonth(now);
    return (this.base.get(keyId) ?? 0) + (this.local.get(keyId) ?? 0);
  }

  /** Spent plus what requests in flight hold: what the budget check of a new request sees. */
  committed(keyId: string, now: number): number {
    return this.spent(keyId, now) + (this.reserved.get(keyId)?.usd ?? 0);
  }

  /** Holds `usd` of the key's budget for a request in flight; end it with settle() exactly once. */
  reserve(keyId: string, usd: number): void {
    const held = this.reserved.get(keyId);
    if (held) {
      held.usd += usd;
      held.count++;
    } else this.reserved.set(keyId, { usd, count: 1 });
  }

  /** Ends a reservation: `reservedUsd` is released and `actualUsd` spent. */
  settle(keyId: string, reservedUsd: number, actualUsd: number, now: number): void {
    const held = this.reserved.get(keyId);
    if (held) {
      held.usd -= reservedUsd;
      // the last one out clears the key (no float dust left behind)
      if (--held.count <= 0) this.reserved.delete(keyId);
    }
    this.add(keyId, actualUsd, now);
  }

  private rollMonth(now: number) {
    if (now >= this.monthFrom && now < this.monthTo) return;
    this.setMonth(now);
    this.base.clear();
    this.local.clear();
  }

  private setMonth(now: number) {
    const start = monthStart(now);
    this.monthFrom = start.getTime();
    this.monthTo = nextMonthStart(start);
  }
}
