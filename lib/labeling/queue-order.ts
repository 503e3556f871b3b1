/**
 * Which stream serves a reviewer's next item. Every `every`-th item (positions every-1,
 * 2·every-1, …) comes from the random sample, the rest from the most-uncertain-first stream;
 * when the preferred stream is empty the other one serves. Pure.
 */
export type QueueStream = "uncertain" | "random";

export const RANDOM_EVERY = 5;

export function streamOrder(position: number, every = RANDOM_EVERY): [QueueStream, QueueStream] {
  return every > 0 && position % every === every - 1 ? ["random", "uncertain"] : ["uncertain", "random"];
}

/**
 * The candidates to try claiming, in order: not excluded (on screen, skipped, labeled this
 * session) and not of a group in `avoidKeys` (the requests the reviewer sees or just judged), so
 * the queue never serves the same prompt twice in a row while any other is open.
 */
export function claimableIds(candidates: ReadonlyArray<{ id: string; key: string }>, exclude: ReadonlySet<string>, avoidKeys: ReadonlySet<string>): string[] {
  return candidates.filter((c) => !exclude.has(c.id) && !avoidKeys.has(c.key)).map((c) => c.id);
}
