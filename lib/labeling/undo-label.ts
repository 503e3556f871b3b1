/**
 * DELETE /api/admin/labels/:id — undo: only your own label, only within UNDO_WINDOW_MINUTES.
 * The request goes back to the queue, claimed by you, so it reappears on your screen.
 */
import { deleteLabelAndReclaim, findLabel } from "../db/label-repo";
import { AppError } from "../http/app-error";
import { CLAIM_TTL_SECONDS, loadQueueItem } from "./claim-next-item";
import type { QueueItem } from "./queue-item";

export const UNDO_WINDOW_MINUTES = 15;

export async function undoLabel(reviewerId: string, labelId: string, now = Date.now()): Promise<{ item: QueueItem | null }> {
  const label = await findLabel(labelId);
  if (!label) throw new AppError("not_found", "No such label.");
  if (label.reviewerId !== reviewerId) throw new AppError("forbidden", "You can only undo your own labels.");
  if (now - label.createdAt.getTime() > UNDO_WINDOW_MINUTES * 60_000) {
    throw new AppError("conflict", `Labels can be undone for ${UNDO_WINDOW_MINUTES} minutes; this one is older.`);
  }
  await deleteLabelAndReclaim(label.id, label.requestId, reviewerId, CLAIM_TTL_SECONDS);
  return { item: await loadQueueItem(label.requestId) };
}
