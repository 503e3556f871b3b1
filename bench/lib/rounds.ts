/** Rounds of a side-by-side comparison: medians over rounds, and a rotating order per round. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The list rotated by `round`: each target takes its turn at running first after a switch. */
export function rotate<T>(list: readonly T[], round: number): T[] {
  return list.map((_, i) => list[(i + round) % list.length]!);
}

/** "median (min–max)" of a round's values. */
export function medianRange(values: number[], digits: number): string {
  return `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
}
