/**
 * Month-to-date spend per API key, for budget caps. The base comes from the request log (all
 * instances' traffic, refreshed periodically); costs this instance recorded since the last
 * refresh are added on top so a key cannot overspend between refreshes.
 */
export function monthStart(now: number): Date {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

export class BudgetTracker {
  private base = new Map<string, number>();
  private local = new Map<string, number>();
  private month = "";

  /** Replace the base with fresh sums from the database (keys not listed spent nothing). */
  refresh(sums: Map<string, number>, now: number) {
    this.month = monthStart(now).toISOString();
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
    const month = monthStart(now).toISOString();
    if (month !== this.month) {
      this.month = month;
      this.base.clear();
      this.local.clear();
    }
  }
}
