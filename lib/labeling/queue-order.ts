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
