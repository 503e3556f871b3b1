/**
 * A short-lived, per-process list of candidate request ids per (stream, filters). Finding the
 * most uncertain or the random-sample requests (one per group of identical requests) scans the filtered time window of the request
 * log; with a million rows that takes a second or two, so it runs once per TTL (in the
 * background, while the old list keeps serving) or when the list is used up, instead of once
 * per item. One load per key at a time. The list is only a hint: every claim re-checks in SQL
 * that the request is still open, so a stale list can cost a reload, never a double claim.
 */
import type { Candidate } from "../db/label-repo";
import type { QueueStream } from "./queue-order";

export type PoolLoader = (limit: number) => Promise<Candidate[]>;

type Pool = { candidates: Candidate[]; loadedAt: number };

export const POOL_SIZE = 100;
const TTL_MS: Record<QueueStream, number> = { uncertain: 30_000, random: 120_000 };
const MAX_POOLS = 200;

const pools = new Map<string, Pool>();
const inflight = new Map<string, Promise<Pool>>();

function load(poolKey: string, loader: PoolLoader): Promise<Pool> {
  let loading = inflight.get(poolKey);
  if (!loading) {
    loading = loader(POOL_SIZE)
      .then((candidates) => {
        const pool: Pool = { candidates, loadedAt: Date.now() };
        pools.delete(poolKey);
        pools.set(poolKey, pool);
        if (pools.size > MAX_POOLS) pools.delete(pools.keys().next().value!);
        return pool;
      })
      .finally(() => inflight.delete(poolKey));
    inflight.set(poolKey, loading);
  }
  return loading;
}

/**
 * Candidate ids for the key. Missing or `reload`: loaded now (`fresh`). Expired: the old list
 * is returned while a new one loads in the background.
 */
export async function candidateIds(stream: QueueStream, key: string, loader: PoolLoader, opts: { reload?: boolean } = {}): Promise<{ candidates: Candidate[]; fresh: boolean }> {
  const poolKey = `${stream}:${key}`;
  const pool = pools.get(poolKey);
  if (!pool || opts.reload) return { candidates: (await load(poolKey, loader)).candidates, fresh: true };
  if (Date.now() - pool.loadedAt > TTL_MS[stream]) void load(poolKey, loader).catch(() => undefined);
  return { candidates: pool.candidates, fresh: false };
}

/** Drops an id (just claimed) from every pool that lists it. */
export function forgetCandidate(id: string) {
  for (const pool of pools.values()) {
    if (pool.candidates.some((c) => c.id === id)) pool.candidates = pool.candidates.filter((c) => c.id !== id);
  }
}

/** Tests: start from the database again. */
export function clearCandidatePools() {
  pools.clear();
  inflight.clear();
}
