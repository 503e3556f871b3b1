/**
 * The alert conditions true now, read from Postgres (so one evaluation covers every gateway
 * instance). One source per kind; a source that fails is reported, and the evaluation keeps its
 * open episodes as they are rather than resolving them on missing data.
 *   drift:     the drift thresholds firing now (lib/monitoring/firing-alerts)     key drift:<metric>
 *   breaker:   a tier whose breaker is open or half-open on any instance, by each
 *              instance's latest transition in the last BREAKER_STALE_MS            key breaker:<tier>
 *   errorrate: a tier's attempts in the last ERROR_WINDOW_MS failing above the drift
 *              settings' errorRate threshold (monitoring/tier-health, as the
 *              upstream-health page's red rows)                                       key errorrate:<tier>
 *   budget:    a key's month-to-date spend at or above its monthly budget             key budget:<key id>
 *   job:       a job that failed in the last JOB_WINDOW_MS                            key job:<job id>
 */
import type { EpisodeInput } from "../db/alert-episode-repo";
import { budgetedKeys, failedJobsSince } from "../db/alert-source-repo";
import { latestBreakerStates } from "../db/breaker-repo";
import { readMonthSpend } from "../db/config-repo";
import { tierAttemptStats } from "../db/upstream-health-repo";
import { measureAlerts } from "../monitoring/firing-alerts";
import { readAlertSettings } from "../monitoring/manage-alert-settings";
import { ERROR_WINDOW_MS, isErrorRateHigh } from "../monitoring/tier-health";
import { monthStart } from "../routing/check-budget";
import type { AlertKind } from "./alert-message";

export const BREAKER_STALE_MS = 10 * 60_000;
export const JOB_WINDOW_MS = 24 * 3_600_000;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function drift(now: Date): Promise<EpisodeInput[]> {
  const status = await measureAlerts(await readAlertSettings(), now.getTime());
  return status.firing.map((f) => ({ key: `drift:${f.metric}`, kind: "drift", title: `${f.label} above its threshold`, message: f.message }));
}

async function breakers(now: Date): Promise<EpisodeInput[]> {
  const latest = await latestBreakerStates(new Date(now.getTime() - BREAKER_STALE_MS));
  const byTier = new Map<string, typeof latest>();
  for (const row of latest) if (row.toState !== "closed") byTier.set(row.tier, [...(byTier.get(row.tier) ?? []), row]);
  return [...byTier].map(([tier, rows]) => {
    const first = rows.reduce((a, b) => (a.at <= b.at ? a : b));
    return {
      key: `breaker:${tier}`,
      kind: "breaker",
      title: `Circuit breaker of tier ${tier} is open`,
      message: `The breaker of tier ${tier} opened on ${rows.length} gateway instance(s) (first at ${first.at.toISOString()}: ${first.reason || "failures"}). Requests go to other tiers while it is open.`,
    };
  });
}

async function errorRates(now: Date): Promise<EpisodeInput[]> {
  const [stats, settings] = await Promise.all([tierAttemptStats(new Date(now.getTime() - ERROR_WINDOW_MS)), readAlertSettings()]);
  if (!settings.errorRate.enabled) return [];
  return stats
    .filter((s) => isErrorRateHigh(s, settings.errorRate.above))
    .map((s) => ({
      key: `errorrate:${s.tier}`,
      kind: "errorrate",
      title: `Error rate of tier ${s.tier} is ${pct(s.errors / s.attempts)}`,
      message: `${s.errors} of ${s.attempts} attempts to tier ${s.tier} failed in the last ${ERROR_WINDOW_MS / 60_000} minutes (threshold ${pct(settings.errorRate.above)}): ${s.timeout} timeouts, ${s.http5xx} 5xx, ${s.http429} 429, ${s.http4xx} 4xx, ${s.connection} connection.`,
    }));
}

async function budgets(now: Date): Promise<EpisodeInput[]> {
  const [keys, spend] = await Promise.all([budgetedKeys(), readMonthSpend(monthStart(now.getTime()))]);
  return keys
    .filter((k) => k.monthlyBudgetUsd !== null && (spend.get(k.id) ?? 0) >= k.monthlyBudgetUsd)
    .map((k) => ({
      key: `budget:${k.id}`,
      kind: "budget",
      title: `API key ${k.name} reached its monthly budget`,
      message: `Key ${k.name} spent $${(spend.get(k.id) ?? 0).toFixed(2)} this month of its $${k.monthlyBudgetUsd!.toFixed(2)} budget.`,
    }));
}

async function jobs(now: Date): Promise<EpisodeInput[]> {
  const failed = await failedJobsSince(new Date(now.getTime() - JOB_WINDOW_MS));
  return failed.map((j) => ({ key: `job:${j.id}`, kind: "job", title: `Job ${j.type} failed`, message: `Job ${j.id} (${j.type}) failed at ${j.finishedAt?.toISOString()}: ${j.error ?? "no error message"}` }));
}

const SOURCES: Record<AlertKind, (now: Date) => Promise<EpisodeInput[]>> = { drift, breaker: breakers, errorrate: errorRates, budget: budgets, job: jobs };

export async function collectConditions(now: Date): Promise<{ conditions: EpisodeInput[]; failed: Array<{ kind: AlertKind; error: string }> }> {
  const kinds = Object.keys(SOURCES) as AlertKind[];
  const results = await Promise.allSettled(kinds.map((k) => SOURCES[k](now)));
  const conditions: EpisodeInput[] = [];
  const failed: Array<{ kind: AlertKind; error: string }> = [];
  results.forEach((r, i) => (r.status === "fulfilled" ? conditions.push(...r.value) : failed.push({ kind: kinds[i]!, error: (r.reason as Error).message })));
  return { conditions, failed };
}
