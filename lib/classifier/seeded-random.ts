/**
 * Seeded randomness for training and evaluation (never Math.random): mulberry32, a Fisher-Yates
 * shuffle and stratified k-fold assignment.
 */

export type Rng = () => number;

/** mulberry32: a small, fast 32-bit PRNG; uniform in [0, 1). */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

/**
 * Fold index (0..k-1) per item, stratified by `strata` (e.g. the label): each stratum is
 * shuffled and dealt round-robin, so every fold gets a similar label mix.
 */
export function stratifiedFolds(strata: readonly number[], k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new RangeError("k must be an integer >= 2");
  const rng = createRng(seed);
  const byStratum = new Map<number, number[]>();
  strata.forEach((s, i) => {
    const list = byStratum.get(s) ?? [];
    list.push(i);
    byStratum.set(s, list);
  });
  const folds = new Int32Array(strata.length);
  let next = 0;
  for (const key of [...byStratum.keys()].sort((a, b) => a - b)) {
    for (const i of shuffleInPlace(byStratum.get(key)!, rng)) {
      folds[i] = next;
      next = (next + 1) % k;
    }
  }
  return folds;
}
