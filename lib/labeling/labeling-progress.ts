/**
 * GET /api/admin/labeling/progress: labels I made today, what is left in the queue under the
 * current filters (counted up to REMAINING_CAP so the count stays cheap on a big log), and my
 * last label if it can still be undone (so undo survives a reload).
 */
import { countLabelsSince, countOpen, lastLabelSince } from "../db/label-repo";
import { withDefaultWindow } from "./claim-next-item";
import type { QueueFilters } from "./labeling-schemas";
import { UNDO_WINDOW_MINUTES } from "./undo-label";

export const REMAINING_CAP = 10_000;

export type LabelingProgress = {
  labeledToday: number;
  remaining: number;
  /** true when there are at least `remaining` (the count stopped at the cap). */
  remainingIsLowerBound: boolean;
  lastLabel: { id: string; requestId: string; createdAt: string } | null;
};

function utcMidnight(now: number) {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export async function labelingProgress(reviewerId: string, f: QueueFilters & { since?: Date }, now = Date.now()): Promise<LabelingProgress> {
  const { since, ...filters } = f;
  const [labeledToday, remaining, last] = await Promise.all([
    countLabelsSince(reviewerId, since ?? utcMidnight(now)),
    countOpen(withDefaultWindow(filters, now), reviewerId, REMAINING_CAP),
    lastLabelSince(reviewerId, new Date(now - UNDO_WINDOW_MINUTES * 60_000)),
  ]);
  return {
    labeledToday,
    remaining,
    remainingIsLowerBound: remaining >= REMAINING_CAP,
    lastLabel: last ? { id: last.id, requestId: last.requestId, createdAt: last.createdAt.toISOString() } : null,
  };
}
