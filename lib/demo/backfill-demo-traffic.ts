/**
 * The first start's demo week: ~7k requests over the last 7 days through the real engine and
 * the simulated tiers (simulate-request.ts), with an hour-of-day pattern, a puzzle-heavy drift day
 * mid-week, two upstream incidents (errors, open breakers, fallbacks), session pins, and a few
 * hundred reviewer labels, and the support desk's graded shadow pairs. Everything is isDemo and removable (DELETE /api/admin/demo-data).
 * Deterministic for a seed and end time (only the engine's measured µs differ). One
 * transaction: requests, rollups and labels land together or not at all.
 */
import { loadGatewayConfig, type GatewayConfig } from "../config/load-gateway-config";
import { insertDemoLabels, insertDemoShadowPairs, type DemoLabel, type DemoShadowPair } from "../db/demo-data-repo";
import { pgPool, withPgTransaction } from "../db/pg-pool";
import { insertRequestLogsWith, type RequestLogInsert } from "../db/request-log-repo";
import { ensureRequestLogPartitions } from "../db/request-log-partitions";
import { SessionPins } from "../state/session-pins";
import { createRng } from "../providers/simulated-random";
import { promptKey, replayIndexFor, type OutcomeRow } from "../providers/simulated-replay";
import type { ProviderTarget } from "../providers/types";
import { judgeTier, shadowTier } from "../lab/shadow/plan-shadow";
import { costOf } from "../routing/execution/attempt-record";
import type { TierHealth } from "../routing/types";
import { demoVerdict } from "./demo-labels";
import { DEMO_SUPPORT_POLICY } from "./demo-tiers";
import { demoPrompts, type DemoPrompt } from "./demo-prompts";
import { demoId, demoTimes, promptMix } from "./demo-schedule";
import { simulateRequest, type DemoEnv } from "./simulate-request";

const HOUR = 3_600_000;

export type BackfillOptions = {
  seed?: number;
  days?: number;
  requests?: number;
  end?: number;
  config?: GatewayConfig;
  /** Only prompts with recorded outcomes (every answer's quality known): for checks against truth. */
  datasetOnly?: boolean;
};

type Incident = { tier: string; from: number; to: number; errorRate: number; openFrom: number };

function incidents(end: number, config: GatewayConfig): Incident[] {
  const day = (n: number, h: number) => Math.floor((end - n * 24 * HOUR) / (24 * HOUR)) * 24 * HOUR + h * HOUR;
  const list = [
    { tier: "fast", from: day(5, 10), to: day(5, 10.75), errorRate: 0.4, openFrom: day(5, 10.4) },
    { tier: "balanced", from: day(2, 15), to: day(2, 16), errorRate: 0.6, openFrom: day(2, 15.3) },
    // A provider-wide wobble: some requests fail on every tier and reach the client as errors.
    { tier: "fast", from: day(1, 9), to: day(1, 9.75), errorRate: 0.6, openFrom: Infinity },
    { tier: "balanced", from: day(1, 9), to: day(1, 9.75), errorRate: 0.6, openFrom: Infinity },
    { tier: "capable", from: day(1, 9), to: day(1, 9.75), errorRate: 0.7, openFrom: Infinity },
  ];
  return list.filter((i) => config.targets.has(i.tier));
}

function environment(config: GatewayConfig, rng: () => number, end: number): DemoEnv {
  const list = incidents(end, config);
  const failing = new Map(list.map((i) => {
    const t = config.targets.get(i.tier)!;
    return [i.tier, { ...t, options: { ...t.options, errorRate: i.errorRate } } as ProviderTarget];
  }));
  const during = (tier: string, at: number) => list.find((i) => i.tier === tier && at >= i.from && at < i.to);
  return {
    config,
    rng,
    targetFor: (tier, at) => (during(tier, at) ? failing.get(tier)! : config.targets.get(tier)!),
    health: (tier, at): TierHealth => {
      const i = during(tier, at);
      return i && at >= i.openFrom ? (rng() < 0.7 ? "unhealthy" : "degraded") : "healthy";
    },
  };
}

function pick<T>(list: readonly T[], rng: () => number): T {
  return list[Math.floor(rng() * list.length)]!;
}

/** The support desk: mostly everyday questions (its FAQ and small talk go by rule), the rest simple dataset questions. */
function chooseSupportPrompt(pool: ReturnType<typeof demoPrompts>, rng: () => number): DemoPrompt {
  return rng() < 0.45 ? pick(pool.everyday.filter((p) => !p.isHard), rng) : pick(pool.support, rng);
}

/** The main policy takes most of the traffic, the support desk a third, any other policy the rest. */
function choosePolicy(policies: readonly string[], main: string, rng: () => number): string {
  const others = policies.filter((p) => p !== main && p !== DEMO_SUPPORT_POLICY);
  const r = rng();
  if (policies.includes(DEMO_SUPPORT_POLICY) && r < 0.35) return DEMO_SUPPORT_POLICY;
  return others.length && r >= 0.8 ? pick(others, rng) : main;
}

function choosePrompt(at: number, end: number, pool: ReturnType<typeof demoPrompts>, rng: () => number): DemoPrompt {
  const mix = promptMix(at, end);
  const r = rng();
  if (r < mix.everyday) return pick(pool.everyday, rng);
  if (r < mix.everyday + mix.puzzles) return pick(pool.puzzles, rng);
  if (r < mix.everyday + mix.puzzles + mix.hard) return pick(pool.hard, rng);
  return pick(pool.all, rng);
}

export async function backfillDemoTraffic(opts: BackfillOptions = {}): Promise<{ requests: number; labels: number; ms: number }> {
  const started = Date.now();
  const config = opts.config ?? (await loadGatewayConfig());
  const end = opts.end ?? Date.now();
  const rng = createRng(opts.seed ?? 20_260_101);
  const env = environment(config, rng, end);
  const all = demoPrompts();
  const pool = opts.datasetOnly ? { ...all, all: all.all.filter((p) => p.fromDataset), everyday: all.support } : all;
  const policies = [...config.snapshot.policies.keys()];
  const main = config.snapshot.defaultPolicy;
  const pins = new SessionPins();
  const rows: RequestLogInsert[] = [];
  const labels: DemoLabel[] = [];
  const shadows: DemoShadowPair[] = [];
  const scoreOf = scorer(config);
  for (const at of demoTimes(end, opts.days ?? 7, opts.requests ?? 7_000, rng)) {
    const policy = choosePolicy(policies, main, rng);
    const prompt = policy === DEMO_SUPPORT_POLICY ? chooseSupportPrompt(pool, rng) : choosePrompt(at, end, pool, rng);
    const sessionKey = rng() < 0.12 ? `demo-user-${Math.floor(rng() * 40)}` : undefined;
    const pinKey = sessionKey ? `${policy}\u0000${sessionKey}` : undefined;
    const simulated = await simulateRequest(env, { id: demoId(at, rng), at, policy, prompt: prompt.text, sessionKey, pinnedTier: pinKey ? pins.get(pinKey, at) : undefined });
    if (!simulated) continue;
    const { row, decision } = simulated;
    rows.push(row);
    if (row.status !== "ok") continue;
    if (pinKey) pins.set(pinKey, row.tierName!, at);
    const pair = demoShadowPair(config, row, prompt, scoreOf, rng);
    if (pair) shadows.push(pair);
    const sample = decision.labelCandidate === "random" || rng() < 0.015 ? "random" : decision.labelCandidate === "uncertain" && rng() < 0.1 ? "uncertain" : null;
    if (!sample) continue;
    const tiers = config.snapshot.policies.get(decision.policy)!.tiers;
    const { verdict, correctIndex } = demoVerdict(tiers.map((t) => scoreOf(t, prompt)), tiers.indexOf(row.tierName!), rng);
    const labelAt = Math.min(end - 60_000, at + (1 + rng() * 30) * HOUR);
    labels.push({
      id: demoId(labelAt, rng),
      requestId: row.id,
      verdict,
      correctTierId: correctIndex === null ? null : (config.tierIds.get(tiers[correctIndex]!) ?? null),
      sample,
      note: "Demo label",
      createdAt: new Date(Math.max(at + 60_000, labelAt)),
    });
  }
  await writeAll(rows, labels, shadows);
  // a bulk load: fresh statistics, or the planner takes the new rows for a handful (a replay's
  // keyset pages would each scan the whole range)
  await pgPool().query(`ANALYZE "RequestLog"`);
  return { requests: rows.length, labels: labels.length, ms: Date.now() - started };
}

/** How often the demo's judge picks the answer the dataset says is right. */
const DEMO_JUDGE_AGREEMENT = 0.95;
const GOOD = 0.5;

/**
 * Shadow evaluation on the demo week: for the policy's sampled share of answers, the tier above's
 * answer and a judge's verdict — for dataset prompts (whose every model's correctness is recorded)
 * verdict drawn from that record — right 95% of the time, as a judge model is not perfect; for
 * everyday prompts, which have no record, mostly ties. The answers themselves are not simulated.
 */
function demoShadowPair(config: GatewayConfig, row: RequestLogInsert, prompt: DemoPrompt, scoreOf: ReturnType<typeof scorer>, rng: () => number): DemoShadowPair | null {
  const policy = config.snapshot.policies.get(row.policyName ?? "");
  if (!policy?.shadow.enabled || rng() >= policy.shadow.rate) return null;
  const served = row.tierName!;
  const shadow = shadowTier(policy, config.snapshot.tiers, served);
  const judge = judgeTier(policy, config.snapshot.tiers);
  if (!shadow) return null;
  const s = scoreOf(served, prompt);
  const t = scoreOf(shadow, prompt);
  const known = s !== undefined && t !== undefined;
  // everyday prompts have no record: mostly ties, as the demo's labels of them are mostly "correct"
  const r = rng();
  const truth = known ? (s >= GOOD === t >= GOOD ? "tie" : s >= GOOD ? "served-better" : "shadow-better") : r < 0.85 ? "tie" : r < 0.93 ? "shadow-better" : "served-better";
  const wrong = { tie: rng() < 0.5 ? "served-better" : "shadow-better", "served-better": "tie", "shadow-better": "tie" } as const;
  const verdict = !known || rng() < DEMO_JUDGE_AGREEMENT ? truth : wrong[truth];
  const tokens = { promptTokens: row.promptTokens ?? 0, completionTokens: row.completionTokens ?? 0 };
  const at = (row.createdAt as Date).getTime();
  return {
    id: demoId(at + 2_000, rng),
    requestId: row.id!,
    createdAt: new Date(at + 2_000),
    policyName: policy.name,
    servedTier: served,
    shadowTier: shadow,
    judgeTier: judge,
    verdict,
    method: "judge",
    judgeText: known
      ? `Demo: graded from the dataset's recorded outcomes (${served} ${s >= GOOD ? "right" : "wrong"}, ${shadow} ${t >= GOOD ? "right" : "wrong"}; the demo judge agrees with them ${DEMO_JUDGE_AGREEMENT * 100}% of the time).`
      : "Demo: an everyday question with no recorded outcome; the verdict is drawn (mostly ties).",
    shadowCostUsd: costOf(config.snapshot.tiers.get(shadow), tokens),
    judgeCostUsd: judge ? costOf(config.snapshot.tiers.get(judge), { promptTokens: 2 * (tokens.promptTokens + tokens.completionTokens) + 60, completionTokens: 1 }) : 0,
    shadowMs: 800 + rng() * 1500,
  };
}

/** Recorded score of a tier's model on a dataset prompt (undefined for everyday prompts). */
function scorer(config: GatewayConfig) {
  return (tier: string, prompt: DemoPrompt): number | undefined => {
    if (!prompt.fromDataset) return undefined;
    const target = config.targets.get(tier);
    const replay = (target?.options as { replay?: { rows?: OutcomeRow[]; model?: string } } | undefined)?.replay;
    if (!target || !replay?.rows) return undefined;
    return replayIndexFor(replay.rows, replay.model ?? target.model).get(promptKey(prompt.text))?.score;
  };
}

async function writeAll(rows: RequestLogInsert[], labels: DemoLabel[], shadows: DemoShadowPair[]) {
  await withPgTransaction(async (client) => {
    const times = rows.map((r) => new Date(r.createdAt!).getTime());
    if (times.length) await ensureRequestLogPartitions({ from: times.reduce((a, b) => Math.min(a, b)), to: times.reduce((a, b) => Math.max(a, b)) }, client);
    for (let i = 0; i < rows.length; i += 2000) await insertRequestLogsWith(client, rows.slice(i, i + 2000));
    await insertDemoLabels(client, labels);
    await insertDemoShadowPairs(client, shadows);
  });
}
