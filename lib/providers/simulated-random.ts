// Seeded randomness for the simulated provider: a small PRNG, latency distributions and
// token logprobs around a confidence level. Everything takes `rng` so tests are deterministic.

/** mulberry32: a fast, seedable uniform [0,1) generator. */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
export function normal(rng: () => number): number {
  const u1 = 1 - rng(); // (0, 1]: log stays finite
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

export type LatencySpec = { kind: "fixed"; ms: number } | { kind: "lognormal"; medianMs: number; p95Ms: number };

const Z95 = 1.6448536269514722;

/** Samples a latency in ms: fixed, or lognormal with the given median and 95th percentile. */
export function sampleLatency(spec: LatencySpec, rng: () => number): number {
  if (spec.kind === "fixed") return spec.ms;
  const sigma = Math.log(Math.max(spec.p95Ms, spec.medianMs) / spec.medianMs) / Z95;
  return spec.medianMs * Math.exp(sigma * normal(rng));
}

export interface ConfidenceSpec {
  /** Mean token logprob of a fully confident answer (level 1). */
  highLogprob: number;
  /** Mean token logprob of a hopeless answer (level 0). */
  lowLogprob: number;
  /** Spread of single tokens around the mean, as a fraction of it. */
  jitter: number;
}

/** Mean logprob for a confidence level in [0,1] (linear between low and high). */
export function meanLogprob(level: number, spec: ConfidenceSpec): number {
  const clamped = Math.min(1, Math.max(0, level));
  return spec.lowLogprob + clamped * (spec.highLogprob - spec.lowLogprob);
}

/** One logprob per token around the level's mean (always ≤ 0). */
export function sampleLogprobs(count: number, level: number, spec: ConfidenceSpec, rng: () => number): number[] {
  const mean = meanLogprob(level, spec);
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = Math.min(0, mean * (1 + spec.jitter * (rng() * 2 - 1)));
  return out;
}

/** Splits text into word-like tokens keeping their trailing whitespace ("a b" → ["a ", "b"]). */
export function splitTokens(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}
