/** A tiny labeled sample whose metrics are computed by hand in the evaluate tests. */
import type { EvalRow } from "../evaluate/eval-types";

// Hand-computed example: cheapest mean 0.5, most capable mean 0.75 (gap 0.25).
export const FOUR: EvalRow[] = [
  { id: "A", p: [0.9], scores: [0, 1], label: 1, tags: { task: "x" } },
  { id: "B", p: [0.6], scores: [1, 1], label: 0, tags: { task: "x" } },
  { id: "C", p: [0.3], scores: [0, 1], label: 1, tags: { task: "y" } },
  { id: "D", p: [0.1], scores: [1, 0], label: 0, tags: { task: "y" } },
];
