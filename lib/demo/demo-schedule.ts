/**
 * When the demo week's requests arrive and what they ask: an hour-of-day curve (quiet nights,
 * a peak mid-afternoon UTC), quieter weekends, and a drift event for one day in the middle of
 * the week when the prompt mix leans on logic-grid puzzles and other hard tasks. Pure and seeded.
 */
const HOUR = 3_600_000;

export function hourWeight(at: number): number {
  const d = new Date(at);
  const h = d.getUTCHours() + d.getUTCMinutes() / 60;
  const day = Math.exp(-(((h - 14) / 4.5) ** 2));
  const evening = 0.35 * Math.exp(-(((h - 20.5) / 1.8) ** 2));
  const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6 ? 0.6 : 1;
  return (0.12 + day + evening) * weekend;
}

/** Request times for the `days` before `end`, about `total` of them, sorted. */
export function demoTimes(end: number, days: number, total: number, rng: () => number): number[] {
  const start = Math.floor((end - days * 24 * HOUR) / HOUR) * HOUR;
  const hours: number[] = [];
  for (let t = start; t < end; t += HOUR) hours.push(t);
  const weights = hours.map(hourWeight);
  const scale = total / weights.reduce((s, w) => s + w, 0);
  const out: number[] = [];
  for (let i = 0; i < hours.length; i++) {
    const n = Math.round(weights[i]! * scale * (0.85 + 0.3 * rng()));
    const span = Math.min(HOUR, end - hours[i]!);
    for (let k = 0; k < n; k++) out.push(hours[i]! + Math.floor(rng() * span));
  }
  return out.sort((a, b) => a - b);
}

/** The drift event: one day, centred 3.5 days before the end. */
export function driftWindow(end: number): { from: number; to: number } {
  const from = end - 4 * 24 * HOUR;
  return { from, to: from + 24 * HOUR };
}

/** Shares of the prompt pool: everyday questions, logic-grid puzzles, other hard tasks; the rest is the whole pool. */
export type PromptMix = { everyday: number; puzzles: number; hard: number };

/**
 * The drift day: a burst of logic-grid puzzles and code/maths tasks (a new integration, say).
 * The classifier underrates the puzzles, so the tier mix, the score histogram, escalations and
 * quality misroutes all move for that day.
 */
export function promptMix(at: number, end: number): PromptMix {
  const drift = driftWindow(end);
  return at >= drift.from && at < drift.to ? { everyday: 0.1, puzzles: 0.45, hard: 0.25 } : { everyday: 0.3, puzzles: 0, hard: 0 };
}

/** A UUIDv7 from the request time and the seeded rng (time-ordered like the gateway's ids). */
export function demoId(at: number, rng: () => number): string {
  const hex = (n: number, len: number) => Math.floor(n).toString(16).padStart(len, "0").slice(-len);
  const t = hex(at, 12);
  const r = () => hex(rng() * 0x10000, 4);
  const variant = (0x8000 | (Math.floor(rng() * 0x4000))).toString(16);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r().slice(1)}-${variant}-${r()}${r()}${r()}`;
}
