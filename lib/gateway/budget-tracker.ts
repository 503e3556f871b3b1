/**
 * Month-to-date spend per API key, for budget caps. The base comes from the request log (all
 * instances' traffic, refreshed periodically); costs this instance recorded since the last
 * refresh are added on top so a key cannot overspend between refreshes.
 */
import { monthStart } from "../routing/check-budget";

function nextMonthStart(start: Date): number {
  return Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
}

export class BudgetTracker {
  private base = new Map<string, number>();
  private local = new Map<string, number>();
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
