/**
 * Which alert episodes to open, reopen, keep or resolve, given the conditions true now. Pure.
 *   a condition with no open episode → open one (notify "fired"), unless the same key resolved
 *     less than `cooldownMs` ago: then that episode is reopened silently (a flapping condition
 *     notifies once, not at every flap);
 *   an open episode whose condition holds → touched (lastSeenAt);
 *   an open episode whose condition is gone → resolved (notify "resolved").
 */
import type { EpisodeInput, EpisodeRow } from "../db/alert-episode-repo";

export type EpisodePlan = {
  open: EpisodeInput[];
  reopen: Array<{ id: string; input: EpisodeInput }>;
  touch: string[];
  resolve: EpisodeRow[];
};

export function planEpisodes(current: EpisodeInput[], open: EpisodeRow[], lastResolved: EpisodeRow[], now: number, cooldownMs: number): EpisodePlan {
  const openByKey = new Map(open.map((e) => [e.key, e]));
  const resolvedByKey = new Map(lastResolved.map((e) => [e.key, e]));
  const currentKeys = new Set<string>();
  const plan: EpisodePlan = { open: [], reopen: [], touch: [], resolve: [] };
  for (const c of current) {
    if (currentKeys.has(c.key)) continue;
    currentKeys.add(c.key);
    const episode = openByKey.get(c.key);
    if (episode) {
      plan.touch.push(episode.id);
      continue;
    }
    const previous = resolvedByKey.get(c.key);
    if (previous?.resolvedAt && now - previous.resolvedAt.getTime() < cooldownMs) plan.reopen.push({ id: previous.id, input: c });
    else plan.open.push(c);
  }
  for (const e of open) if (!currentKeys.has(e.key)) plan.resolve.push(e);
  return plan;
}
