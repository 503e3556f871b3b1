/**
 * What /metrics reads when scraped, from this process's gateway runtime and from Postgres:
 * breaker states, the request-log writer's queue and counters, the classifier each policy routes
 * with, and job counts (the worker process has no HTTP server: any web process reports the Job
 * table, read at most every 15 s however often it is scraped, one query shared by concurrent scrapes).
 */
import { countJobsByTypeAndStatus } from "../db/job-repo";
import { gatewayRuntime } from "../gateway/gateway-runtime";
import { advance } from "../routing/circuit-breaker";
import { resolveClassifier } from "../routing/score-request";
import type { JobCount, MetricsSources } from "../telemetry/gateway-metrics";

const JOBS_TTL_MS = 15_000;

export function metricsSources(now: () => number = Date.now): MetricsSources {
  let jobs: { at: number; value: Promise<JobCount[]> } | null = null;
  return {
    *breakers() {
      const runtime = gatewayRuntime();
      const tiers = runtime.config ? [...runtime.config.snapshot.tiers.keys()] : runtime.breakers.tiers();
      for (const tier of tiers) yield [tier, advance(runtime.breakers.state(tier), now()).status];
    },
    logWriter: () => gatewayRuntime().requestLog.stats(),
    jobs() {
      if (!jobs || now() - jobs.at >= JOBS_TTL_MS) {
        const previous = jobs?.value;
        const value = countJobsByTypeAndStatus().catch(() => previous ?? []); // Postgres away: the last counts, or none
        jobs = { at: now(), value };
      }
      return jobs.value;
    },
    *classifiers() {
      const snapshot = gatewayRuntime().config?.snapshot;
      if (!snapshot) return;
      for (const [name, policy] of snapshot.policies) {
        if (policy.tiers.length < 2) {
          yield { policy: name, version: "none", kind: "none" };
          continue;
        }
        const { classifier } = resolveClassifier(snapshot, name, policy.tiers.length);
        yield { policy: name, version: classifier.id, kind: classifier.kind };
      }
    },
  };
}
