/**
 * The one definition of each rate the console shows (drift KPIs, chart subtitles and lines, the
 * alert table, the overview): a count over its denominator n, measured over a window, always
 * travelling together as a Rate so every place that shows the rate can show its n and window.
 * Pure and browser-safe.
 *
 * - quality misroutes: labels "should be more capable" over labels;
 * - cost misroutes: labels "should be cheaper" over labels;
 *   each over the random-sample labels (unbiased: what the alerts use) or over all labels
 *   (uncertainty-sampled labels over-represent hard cases);
 * - escalation: requests whose answer was retried on a bigger tier over requests;
 * - climbed: requests that needed more than the first pick (escalation, hedge or fallback stage)
 *   over requests.
 */
import type { LabelStats, MixStats } from "./shape-drift";

export type RateWindow = { from: string; to: string };
/** `rate` is null when n = 0. */
export type Rate = { rate: number | null; n: number; window: RateWindow };
export type LabelSampleChoice = "random" | "all";

/** A chart point with fewer labels than this is not drawn (a gap; its n shows in the tooltip). */
export const MIN_POINT_LABELS = 10;

function iso(at: Date | string): string {
  return typeof at === "string" ? new Date(at).toISOString() : at.toISOString();
}

export function rateOf(count: number, n: number, window: { from: Date | string; to: Date | string }): Rate {
  return { rate: n > 0 ? count / n : null, n, window: { from: iso(window.from), to: iso(window.to) } };
}

export function qualityMisrouteRate(s: LabelStats, window: { from: Date | string; to: Date | string }, sample: LabelSampleChoice = "random"): Rate {
  return sample === "random" ? rateOf(s.randomQuality, s.randomLabeled, window) : rateOf(s.quality, s.labeled, window);
}

export function costMisrouteRate(s: LabelStats, window: { from: Date | string; to: Date | string }, sample: LabelSampleChoice = "random"): Rate {
  return sample === "random" ? rateOf(s.randomCost, s.randomLabeled, window) : rateOf(s.cost, s.labeled, window);
}

export function climbedRate(m: Pick<MixStats, "climbed" | "requests">, window: { from: Date | string; to: Date | string }): Rate {
  return rateOf(m.climbed, m.requests, window);
}

export function escalationRate(t: { escalations: number; requests: number }, window: { from: Date | string; to: Date | string }): Rate {
  return rateOf(t.escalations, t.requests, window);
}

/** A chart point: the rate, or null (a gap) when fewer than `min` observations back it. */
export function pointValue(r: Rate, min = MIN_POINT_LABELS): number | null {
  return r.n >= min ? r.rate : null;
}
