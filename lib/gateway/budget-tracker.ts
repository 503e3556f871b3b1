/**
 * Month-to-date spend per API key, for budget caps. The base comes from the request log (all
 * instances' traffic, refreshed periodically); costs this instance recorded since the last
 * refresh are added on top so a key cannot overspend between refreshes.
 *
 * Requests in flight hold a reservation: their estimated cost (reservedCostUsd), taken when the
 * request is decided and settled to the actual cost when it ends. The budget check sees spent +
 * reserved (`committed`), so parallel requests cannot all pass a cap that fits one of them.
 * Reservations survive refreshes and month boundaries (they are not in the request log yet).
 *
 * With a shared store (REDIS_URL, lib/state/shared-budgets) every reservation and settlement is
 * also sent there, and the gateway reads a capped key's shared view (spend as every instance
 * settled it, the other instances' reservations) before deciding: `committed` then counts the
 * larger of the two spends plus everyone's reservations. A view older than VIEW_TTL_MS, or none
 * (Redis down), leaves this instance's own numbers.
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

/** The shared store's side (lib/state/shared-budgets): a reservation change and a settled cost, sent without waiting. */
export interface BudgetShare {
  change(keyId: string, reservedDeltaUsd: number, actualUsd: number, seedUsd: number, now: number): Promise<number | null>;
}

export type SharedView = { spentUsd: number | null; othersReservedUsd: number };

/** A shared view this old is no longer counted (the next capped request reads a fresh one). */
const VIEW_TTL_MS = 5_000;

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
  private readonly views = new Map<string, SharedView & { at: number }>();

  constructor(private readonly share: BudgetShare | null = null) {}

  /** The key's month as every instance sees it (read from the shared store just now). */
  setView(keyId: string, view: SharedView, now: number): void {
    this.views.set(keyId, { ...view, at: now });
  }

  private view(keyId: string, now: number): SharedView | undefined {
    const view = this.views.get(keyId);
    if (view && now - view.at <= VIEW_TTL_MS) return view;
    if (view) this.views.delete(keyId);
    return undefined;
  }

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

  /** Spent plus what requests in flight hold (on every instance, with a fresh shared view): what the budget check of a new request sees. */
  committed(keyId: string, now: number): number {
    const own = this.reserved.get(keyId)?.usd ?? 0;
    const view = this.view(keyId, now);
    if (!view) return this.spent(keyId, now) + own;
    return Math.max(this.spent(keyId, now), view.spentUsd ?? 0) + own + view.othersReservedUsd;
  }

  /** Keys with reservations of this instance in flight. */
  reservedKeys(): string[] {
    return [...this.reserved.keys()];
  }

  /** Holds `usd` of the key's budget for a request in flight; end it with settle() exactly once. */
  reserve(keyId: string, usd: number): void {
    if (this.share) void this.share.change(keyId, usd, 0, 0, Date.now());
    const held = this.reserved.get(keyId);
    if (held) {
      held.usd += usd;
      held.count++;
    } else this.reserved.set(keyId, { usd, count: 1 });
  }

  /** Ends a reservation: `reservedUsd` is released and `actualUsd` spent. */
  settle(keyId: string, reservedUsd: number, actualUsd: number, now: number): void {
    if (this.share) {
      const seed = this.spent(keyId, now);
      void this.share.change(keyId, -reservedUsd, actualUsd, seed, now).then((spent) => {
        const view = this.views.get(keyId);
        if (spent !== null && view) view.spentUsd = Math.max(view.spentUsd ?? 0, spent);
      });
    }
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
