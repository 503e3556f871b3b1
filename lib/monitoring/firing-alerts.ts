/**
 * The alerts the console banner shows: the thresholds evaluated over the last `windowHours`
 * (against the `baselineDays` before it). Cached per process for 30 s, so the banner's poll on
 * every console page costs a handful of small rollup queries at most twice a minute; a PUT of
 * the thresholds clears the cache.
 */
import { labelVerdicts, scoreHistograms, tierMix } from "../db/drift-repo";
import { policyTopTiers } from "../db/overview-repo";
import { evaluateAlerts, type AlertMetric, type AlertSettings, type FiringAlert } from "./alert-settings";
import { readAlertSettings } from "./manage-alert-settings";
import { costMisrouteRate, qualityMisrouteRate, rateOf, type Rate } from "./rates";
import { comparePsi, labelStats, mixStats, scoreHistogram } from "./shape-drift";

const TTL_MS = 30_000;
const HOUR = 3_600_000;

export type AlertStatus = {
  checkedAt: string;
  window: { from: string; to: string };
  values: Record<string, number | null>;
  /** The share metrics as rates: each with its n and the window it was measured over (label rates span baselineDays). */
  rates: Partial<Record<AlertMetric, Rate>>;
  requests: number;
  randomLabels: number;
  firing: FiringAlert[];
};

/** On globalThis: Next.js bundles each route separately, and PUT must clear the cache GET reads. */
const holder = globalThis as typeof globalThis & { __frontdeskAlertCache?: { at: number; value: Promise<AlertStatus> } | null };

export function clearAlertCache() {
  holder.__frontdeskAlertCache = null;
}

export async function measureAlerts(settings: AlertSettings, now = Date.now()): Promise<AlertStatus> {
  const to = new Date(now);
  const from = new Date(now - settings.windowHours * HOUR);
  const baseFrom = new Date(from.getTime() - settings.baselineDays * 24 * HOUR);
  const labelFrom = new Date(now - settings.baselineDays * 24 * HOUR);
  const top = await policyTopTiers();
  const cur = { from, to, windowSeconds: null };
  const base = { from: baseFrom, to: from, windowSeconds: null };
  const [curMix, curScores, baseMix, baseScores, labels] = await Promise.all([
    tierMix(cur), scoreHistograms(cur), tierMix(base), scoreHistograms(base), labelVerdicts({ from: labelFrom, to, windowSeconds: null }),
  ]);
  const current = { mix: mixStats(curMix, top), scores: scoreHistogram(curScores) };
  const baseline = { mix: mixStats(baseMix, top), scores: scoreHistogram(baseScores) };
  const { tierPsi, scorePsi } = comparePsi(baseline, current, settings.minRequests);
  const l = labelStats(labels);
  const labelWindow = { from: labelFrom, to };
  const rates = {
    lastStageShare: rateOf(current.mix.lastStage, current.mix.requests, cur),
    misrouteQuality: qualityMisrouteRate(l, labelWindow),
    misrouteCost: costMisrouteRate(l, labelWindow),
    errorRate: rateOf(current.mix.errors, current.mix.requests, cur),
  } satisfies Partial<Record<AlertMetric, Rate>>;
  const values = {
    lastStageShare: rates.lastStageShare.rate,
    tierPsi,
    scorePsi,
    misrouteQuality: rates.misrouteQuality.rate,
    misrouteCost: rates.misrouteCost.rate,
    errorRate: rates.errorRate.rate,
  };
  const measurements = { requests: current.mix.requests, randomLabels: l.randomLabeled, values };
  return {
    checkedAt: to.toISOString(),
    window: { from: from.toISOString(), to: to.toISOString() },
    values,
    rates,
    requests: measurements.requests,
    randomLabels: measurements.randomLabels,
    firing: evaluateAlerts(settings, measurements),
  };
}

export function alertStatus(): Promise<AlertStatus> {
  const now = Date.now();
  const cached = holder.__frontdeskAlertCache;
  if (cached && now - cached.at < TTL_MS) return cached.value;
  const value = readAlertSettings().then((s) => measureAlerts(s, now));
  holder.__frontdeskAlertCache = { at: now, value };
  value.catch(() => {
    if (holder.__frontdeskAlertCache?.value === value) holder.__frontdeskAlertCache = null;
  });
  return value;
}
