/**
 * The process's Prometheus metrics (prom-client), served as text by GET /metrics (lib/server).
 * Recorded once per request from its request-log row (GatewayRuntime.logRequest); what only
 * exists at scrape time — breakers, the log writer's queue, jobs, classifier versions — is read
 * by collect() callbacks from the `sources` a higher layer sets (lib/server/metrics-sources).
 *
 * Labels stay bounded: policy and tier names come from the config, stage and api from fixed sets,
 * status is the HTTP status code; never a request id, key or user string. The per-request
 * metrics are plain-object children (plain-metrics.ts) resolved once per label set through nested
 * Maps (no string building or label hashing per request), so recording a request is a handful of
 * map lookups and additions.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from "prom-client";
import { PlainCounter, PlainHistogram, type CounterChild, type HistogramChild } from "./plain-metrics";

/** What one request contributes: the request-log row's fields the metrics read. */
export type RequestSample = {
  api: string;
  policy: string;
  /** The tier that answered (or failed last). */
  tier: string;
  stage: string;
  ok: boolean;
  httpStatus: number;
  /** Frontdesk's own time (parse, route, respond), ms. */
  overheadMs: number;
  escalated: boolean;
  /** Time spent on attempts that did not serve the answer, ms. */
  escalationWaitMs: number;
  attempts: ReadonlyArray<AttemptSample>;
};

export type AttemptSample = { tier: string; ms: number; outcome: string; promptTokens: number; completionTokens: number; costUsd: number };

export type BreakerStatus = "closed" | "half-open" | "open";
export const BREAKER_VALUE: Record<BreakerStatus, number> = { closed: 0, "half-open": 1, open: 2 };

export type JobCount = { type: string; status: string; count: number };

/** Scrape-time readings, set by the process that serves /metrics. */
export type MetricsSources = {
  breakers(): Iterable<[tier: string, status: BreakerStatus]>;
  logWriter(): { queued: number; queuedBytes: number; written: number; dropped: number; failedFlushes: number };
  /** Jobs by type and status (queued, running, failed …), cached by the source. */
  jobs(): Promise<JobCount[]>;
  /** The classifier each policy routes with: the trained model's id, "builtin" or "none". */
  classifiers(): Iterable<{ policy: string; version: string; kind: string }>;
};

/** Frontdesk's own time per request: sub-millisecond when healthy. */
export const ADDED_LATENCY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
/** An upstream call or an escalation's wait: tens of ms to minutes. */
export const UPSTREAM_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

type TierChildren = { added: HistogramChild; upstream: HistogramChild; wait: HistogramChild; tokensIn: CounterChild; tokensOut: CounterChild; cost: CounterChild; escalations: CounterChild };

export class GatewayMetrics {
  readonly registry = new Registry();
  private sources: MetricsSources | null = null;

  private readonly requests = new PlainCounter("frontdesk_requests_total", "Gateway requests answered, by policy, served tier, routing stage, inbound API, outcome (ok|error) and HTTP status code.", ["policy", "tier", "stage", "api", "outcome", "status"], this.registry);
  private readonly refused = new Counter({ name: "frontdesk_refused_requests_total", help: "Gateway requests answered with an error before routing, without a log row (bad key or body, rate limit, budget, no capable tier, gateway unavailable), by inbound API and HTTP status code.", labelNames: ["api", "status"], registers: [this.registry] });
  private readonly added = new PlainHistogram("frontdesk_added_latency_seconds", "Frontdesk's own time per request (parse, route, respond; upstream calls excluded), by served tier.", ["tier"], ADDED_LATENCY_BUCKETS, this.registry);
  private readonly upstream = new PlainHistogram("frontdesk_upstream_latency_seconds", "Upstream call time per attempt, by the attempt's tier.", ["tier"], UPSTREAM_BUCKETS, this.registry);
  private readonly wait = new PlainHistogram("frontdesk_escalation_wait_seconds", "Time escalated requests spent on attempts that did not serve the answer, by served tier.", ["tier"], UPSTREAM_BUCKETS, this.registry);
  private readonly escalations = new PlainCounter("frontdesk_escalations_total", "Requests that climbed to a higher tier after an unsure answer, by served tier.", ["tier"], this.registry);
  private readonly tokens = new PlainCounter("frontdesk_tokens_total", "Tokens billed by upstreams, by the attempt's tier and direction (in = prompt, out = completion).", ["tier", "direction"], this.registry);
  private readonly cost = new PlainCounter("frontdesk_cost_usd_total", "Upstream cost in USD at the tier's prices, by the attempt's tier (escalation and hedge waste included).", ["tier"], this.registry);

  private readonly requestChildren = new Map<string, Map<string, Map<string, Map<string, Map<number, CounterChild>>>>>();
  private readonly errorChildren = new Map<string, Map<string, Map<string, Map<string, Map<number, CounterChild>>>>>();
  private readonly tierChildren = new Map<string, TierChildren>();

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    this.scrapeTimeMetrics();
  }

  setSources(sources: MetricsSources): void {
    this.sources = sources;
  }

  hasSources(): boolean {
    return this.sources !== null;
  }

  observeRequest(s: RequestSample): void {
    this.requestCounter(s).inc();
    const t = this.tier(s.tier);
    t.added.observe(s.overheadMs / 1000);
    if (s.escalated) {
      t.escalations.inc();
      t.wait.observe(s.escalationWaitMs / 1000);
    }
    for (const a of s.attempts) {
      if (a.outcome === "skipped") continue; // never called (its breaker refused)
      const at = a.tier === s.tier ? t : this.tier(a.tier);
      at.upstream.observe(a.ms / 1000);
      if (a.promptTokens) at.tokensIn.inc(a.promptTokens);
      if (a.completionTokens) at.tokensOut.inc(a.completionTokens);
      if (a.costUsd) at.cost.inc(a.costUsd);
    }
  }

  /** A request refused before routing (no log row): rare enough to resolve its labels each time. */
  observeRefused(api: string, httpStatus: number): void {
    this.refused.labels(api, String(httpStatus)).inc();
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private requestCounter(s: RequestSample): CounterChild {
    const byPolicy = s.ok ? this.requestChildren : this.errorChildren;
    const byTier = getOr(byPolicy, s.policy, () => new Map());
    const byStage = getOr(byTier, s.tier, () => new Map());
    const byApi = getOr(byStage, s.stage, () => new Map());
    const byStatus = getOr(byApi, s.api, () => new Map());
    return getOr(byStatus, s.httpStatus, () => this.requests.child(s.policy, s.tier, s.stage, s.api, s.ok ? "ok" : "error", String(s.httpStatus)));
  }

  private tier(tier: string): TierChildren {
    return getOr(this.tierChildren, tier, () => ({
      added: this.added.child(tier),
      upstream: this.upstream.child(tier),
      wait: this.wait.child(tier),
      tokensIn: this.tokens.child(tier, "in"),
      tokensOut: this.tokens.child(tier, "out"),
      cost: this.cost.child(tier),
      escalations: this.escalations.child(tier),
    }));
  }

  /** Gauges and counters read from `sources` when scraped (nothing recorded per request). */
  private scrapeTimeMetrics() {
    const sources = () => this.sources;
    const registers = [this.registry];
    new Gauge({
      name: "frontdesk_circuit_breaker_state",
      help: "Circuit breaker of each tier: 0 closed, 1 half-open, 2 open.",
      labelNames: ["tier"],
      registers,
      aggregator: "max", // GATEWAY_WORKERS: the most open of the workers' mirrors
      collect() {
        this.reset();
        for (const [tier, status] of sources()?.breakers() ?? []) this.labels(tier).set(BREAKER_VALUE[status]);
      },
    });
    const writer = () => sources()?.logWriter();
    const gauge = (name: string, help: string, read: () => number | undefined) =>
      new Gauge({ name, help, registers, collect() { const v = read(); if (v !== undefined) this.set(v); } });
    const counter = (name: string, help: string, read: () => number | undefined) =>
      new Counter({ name, help, registers, collect() { const v = read(); if (v !== undefined) { this.reset(); this.inc(v); } } });
    gauge("frontdesk_request_log_queue_rows", "Request-log rows waiting to be written.", () => writer()?.queued);
    gauge("frontdesk_request_log_queue_bytes", "Estimated memory of the request-log rows waiting to be written.", () => writer()?.queuedBytes);
    counter("frontdesk_request_log_written_rows_total", "Request-log rows written to Postgres.", () => writer()?.written);
    counter("frontdesk_request_log_dropped_rows_total", "Request-log rows dropped (queue over its bounds while Postgres was unreachable, or left at shutdown).", () => writer()?.dropped);
    counter("frontdesk_request_log_failed_flushes_total", "Request-log batch writes that failed (retried).", () => writer()?.failedFlushes);
    new Gauge({
      name: "frontdesk_jobs",
      help: "Jobs (Job table) queued or running, by type and status; the same for every instance scraped (read from Postgres, cached 15 s).",
      labelNames: ["type", "status"],
      registers,
      aggregator: "first", // read from Postgres: the same in every worker
      async collect() {
        const jobs = await sources()?.jobs();
        if (!jobs) return;
        this.reset();
        for (const j of jobs) if (j.status === "queued" || j.status === "running") this.labels(j.type, j.status).set(j.count);
      },
    });
    new Counter({
      name: "frontdesk_job_failures_total",
      help: "Jobs that ended failed, by type (Job rows; read from Postgres, cached 15 s).",
      labelNames: ["type"],
      registers,
      aggregator: "first",
      async collect() {
        const jobs = await sources()?.jobs();
        if (!jobs) return;
        this.reset();
        for (const j of jobs) if (j.status === "failed") this.labels(j.type).inc(j.count);
      },
    });
    new Gauge({
      name: "frontdesk_classifier_info",
      help: "The classifier each policy routes with (always 1): the trained model's id, builtin (the heuristic) or none (one tier).",
      labelNames: ["policy", "version", "kind"],
      registers,
      aggregator: "first",
      collect() {
        this.reset();
        for (const c of sources()?.classifiers() ?? []) this.labels(c.policy, c.version, c.kind).set(1);
      },
    });
  }
}

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}

const holder = globalThis as typeof globalThis & { __frontdeskMetrics?: GatewayMetrics };

/** The process's metrics (shared by the fast path and Next's bundled routes), or null when turned off. */
export function gatewayMetrics(enabled: boolean): GatewayMetrics | null {
  if (!enabled) return null;
  holder.__frontdeskMetrics ??= new GatewayMetrics();
  return holder.__frontdeskMetrics;
}
