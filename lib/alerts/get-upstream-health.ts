/**
 * The upstream-health page's one read: per tier (and its upstream base URL and model) over the
 * last `windowMinutes`, the attempts' p50/p95 latency, error rate and errors by class, the
 * breaker now on each gateway instance and its history, the last errors, and the verdict that
 * colours the row (monitoring/tier-health: the same rule as the error-rate alert).
 */
import { latestBreakerStates, listBreakerTransitions } from "../db/breaker-repo";
import { listTierRows } from "../db/tier-repo";
import { lastTierErrors, tierAttemptStats } from "../db/upstream-health-repo";
import { readAlertSettings } from "../monitoring/manage-alert-settings";
import { tierVerdict } from "../monitoring/tier-health";
import { BREAKER_STALE_MS } from "./collect-conditions";

const MIN = 60_000;
const HISTORY_DAYS = 7;

export async function getUpstreamHealth(windowMinutes: number, now = Date.now()) {
  const since = new Date(now - windowMinutes * MIN);
  const [tiers, stats, breakers, transitions, errors, settings] = await Promise.all([
    listTierRows(),
    tierAttemptStats(since),
    latestBreakerStates(new Date(now - BREAKER_STALE_MS)),
    listBreakerTransitions({ since: new Date(now - HISTORY_DAYS * 86_400_000), limit: 500 }),
    lastTierErrors(since, 5),
    readAlertSettings(),
  ]);
  const statsOf = new Map(stats.map((s) => [s.tier, s]));
  const rows = tiers.map((t) => {
    const s = statsOf.get(t.name);
    const instances = breakers.filter((b) => b.tier === t.name).map((b) => ({ instance: b.instance, state: b.toState, since: b.at.toISOString() }));
    const breakerOpen = instances.some((i) => i.state !== "closed");
    const attempts = s?.attempts ?? 0;
    const errorCount = s?.errors ?? 0;
    return {
      tier: t.name,
      enabled: t.enabled,
      baseUrl: t.baseUrl,
      model: t.model,
      attempts,
      errors: errorCount,
      errorRate: attempts ? errorCount / attempts : null,
      p50Ms: s?.p50Ms ?? null,
      p95Ms: s?.p95Ms ?? null,
      byClass: { timeout: s?.timeout ?? 0, "5xx": s?.http5xx ?? 0, "429": s?.http429 ?? 0, connection: s?.connection ?? 0, "4xx": s?.http4xx ?? 0 },
      breaker: { state: breakerOpen ? (instances.some((i) => i.state === "open") ? "open" : "half-open") : "closed", instances },
      history: transitions.filter((x) => x.tier === t.name).slice(0, 20).map((x) => ({ at: x.at.toISOString(), from: x.fromState, to: x.toState, reason: x.reason, instance: x.instance })),
      lastErrors: errors.filter((e) => e.tier === t.name).map((e) => ({ at: e.at.toISOString(), status: e.status, error: e.error.slice(0, 300), requestId: e.requestId })),
      verdict: tierVerdict({ attempts, errors: errorCount, breakerOpen }, settings.errorRate.above),
    };
  });
  return { windowMinutes, checkedAt: new Date(now).toISOString(), errorRateAbove: settings.errorRate.above, tiers: rows };
}

export type UpstreamHealth = Awaited<ReturnType<typeof getUpstreamHealth>>;
