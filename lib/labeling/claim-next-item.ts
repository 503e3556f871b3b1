/**
 * GET /api/admin/labeling/next and POST …/skip. The next item is, in order: a claim the
 * reviewer already holds (after a reload), else a fresh claim from the stream whose turn it is
 * (queue-order.ts), else from the other stream — first among requests of another group than the
 * ones in `avoid` (identical requests, GROUP_KEY in label-repo), then, if nothing else is open,
 * among those. Each item carries its group key and the other open requests of its group, which
 * the reviewer may label with the same verdict at once. Claims last CLAIM_TTL_SECONDS and are renewed
 * whenever the reviewer asks for the next item while holding them.
 */
import { claimFirstOpen, findQueueRow, identicalOpen, policyTiers, randomCandidates, releaseClaim, renewOwnClaims, reviewerPosition, uncertainCandidates } from "../db/label-repo";
import { candidateIds, forgetCandidate } from "./candidate-pool";
import type { QueueFilters } from "./labeling-schemas";
import { claimableIds, streamOrder, type QueueStream } from "./queue-order";
import { matchesFilters, toQueueItem, type QueueItem } from "./queue-item";

export const CLAIM_TTL_SECONDS = 600;
/** Without a `from` filter the queue looks this far back. */
export const DEFAULT_WINDOW_DAYS = 30;
/** At most this many identical requests are labeled along with one. */
export const MAX_IDENTICAL = 200;

export function withDefaultWindow(f: QueueFilters, now = Date.now()): QueueFilters {
  return f.from ? f : { ...f, from: new Date(now - DEFAULT_WINDOW_DAYS * 86_400_000) };
}

export async function loadQueueItem(id: string): Promise<QueueItem | null> {
  const row = await findQueueRow(id);
  if (!row || !row.tierName) return null;
  const tiers = await policyTiers({ id: row.policyId, name: row.policyName });
  return toQueueItem(row, tiers.map((t) => t.name));
}

async function withIdentical(item: QueueItem, reviewerId: string, f: QueueFilters): Promise<QueueItem> {
  const group = await identicalOpen(item.id, withDefaultWindow(f), reviewerId, MAX_IDENTICAL);
  return group ? { ...item, groupKey: group.key, identicalIds: group.ids } : item;
}

async function claimFromStream(stream: QueueStream, reviewerId: string, f: QueueFilters, exclude: ReadonlySet<string>, avoid: ReadonlySet<string>): Promise<string | null> {
  const key = JSON.stringify(f);
  const load = (limit: number) => (stream === "random" ? randomCandidates : uncertainCandidates)(withDefaultWindow(f), limit);
  let pool = await candidateIds(stream, key, load);
  for (let attempt = 0; attempt < 2; attempt++) {
    const ids = claimableIds(pool.candidates, exclude, avoid);
    const claimed = await claimFirstOpen(reviewerId, ids, CLAIM_TTL_SECONDS);
    if (claimed) {
      forgetCandidate(claimed);
      return claimed;
    }
    if (pool.fresh) return null; // just loaded from the database and nothing is open: the stream is empty
    pool = await candidateIds(stream, key, load, { reload: true });
  }
  return null;
}

export async function nextItem(reviewerId: string, f: QueueFilters, excludeIds: readonly string[] = [], avoidKeys: readonly string[] = []): Promise<QueueItem | null> {
  for (const id of await renewOwnClaims(reviewerId, excludeIds, CLAIM_TTL_SECONDS)) {
    const item = await loadQueueItem(id);
    if (item && matchesFilters({ createdAt: new Date(item.createdAt), policyName: item.policy, tierName: item.tier }, withDefaultWindow(f))) return withIdentical(item, reviewerId, f);
    await releaseClaim(id, reviewerId); // held under other filters: let someone else have it
  }
  const exclude = new Set(excludeIds);
  const streams = streamOrder(await reviewerPosition(reviewerId));
  for (const avoid of avoidKeys.length ? [new Set(avoidKeys), new Set<string>()] : [new Set<string>()]) {
    for (const stream of streams) {
      const id = await claimFromStream(stream, reviewerId, f, exclude, avoid);
      const item = id ? await loadQueueItem(id) : null;
      if (item) return withIdentical(item, reviewerId, f);
    }
  }
  return null;
}

/** Gives the item back to the queue (other reviewers may take it); the client stops asking for it. */
export async function skipItem(reviewerId: string, requestId: string): Promise<{ released: boolean }> {
  return { released: await releaseClaim(requestId, reviewerId) };
}
