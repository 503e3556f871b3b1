/**
 * The tier-count advisor: the same logged traffic replayed under the policy's tiers as 2-tier and
 * 3-tier alternatives (subsets of the enabled tiers, cheapest first, keeping the order; at most
 * MAX_OPTIONS), compared on cost, quality (on one scale for all: P(enough) among every enabled
 * tier), escalation rate and added latency. The recommendation
 * minimises cost + λ · (answers not good enough) at the policy's price of a wrong answer; the
 * reason says what the alternatives gain and lose. More tiers pay only when a large middle band
 * of requests exists (DESIGN.md): that is what the numbers show or not.
 */
import { configFromRows } from "../config/config-from-rows";
import { readConfigRows } from "../db/config-repo";
import { AppError } from "../http/app-error";
import { lambdaForBias } from "../routing/bias-to-lambda";
import { resolvePolicyTiers } from "../routing/policy-tiers";
import type { ConfigFile, PolicyConfig } from "../routing/config-schema";
import { loadCandidate } from "./candidate";
import { runReplay, type ReplayReport } from "./replay/run-replay";

export const MAX_OPTIONS = 8;
/** Losses within this share of the lowest are a tie (noise): among them the fewest tiers, then the current set, win. */
export const MATERIAL = 0.02;

export type TierOption = {
  tiers: string[];
  current: boolean;
  costUsd: number;
  quality: number | null;
  qualityLow: number | null;
  qualityHigh: number | null;
  escalationRate: number | null;
  addedLatencyMs: number | null;
  /** cost + λ · requests · (1 − quality): what the recommendation minimises. */
  lossUsd: number | null;
  replayed: number;
  /** Share of requests each tier would answer. */
  shares: Record<string, number>;
};

export type TierAdvice = { policy: string; from: string; to: string; lambdaUsd: number; options: TierOption[]; recommended: string[]; reason: string };

/** Ordered subsets of `tiers` of size 2 and 3 (and the policy's own set), the current first. */
export function tierSets(all: readonly string[], current: readonly string[], max = MAX_OPTIONS): string[][] {
  const sets: string[][] = [[...current]];
  const key = (s: readonly string[]) => s.join("|");
  const seen = new Set([key(current)]);
  const add = (s: string[]) => {
    if (sets.length < max && !seen.has(key(s))) {
      seen.add(key(s));
      sets.push(s);
    }
  };
  for (let size = 2; size <= 3; size++) {
    const pick = (from: number, chosen: string[]) => {
      if (chosen.length === size) return add(chosen);
      for (let i = from; i < all.length; i++) pick(i + 1, [...chosen, all[i]!]);
    };
    pick(0, []);
  }
  return sets;
}

/** The policy with another tier set: rules naming a tier outside it are left out. */
function withTiers(policy: PolicyConfig, tiers: string[]): Record<string, unknown> {
  return { name: policy.name, tiers, rules: policy.rules.filter((r) => tiers.includes(r.tier)) };
}

const pct = (x: number) => `${Math.abs(100 * x).toFixed(1)}%`;

export function recommend(options: TierOption[]): { recommended: TierOption; reason: string } {
  const scored = options.filter((o) => o.lossUsd !== null);
  if (scored.length === 0) return { recommended: options[0]!, reason: "no replayable traffic in the range: keep the current tiers" };
  const current = options.find((o) => o.current)!;
  // Within MATERIAL of the lowest loss the difference is noise: the fewest tiers win there (one
  // tier less to run and to watch), then the current set, then the lowest loss.
  const lowest = Math.min(...scored.map((o) => o.lossUsd!));
  const near = scored.filter((o) => o.lossUsd! <= lowest + Math.abs(lowest) * MATERIAL || (o === current && o.lossUsd! * (1 - MATERIAL) <= lowest));
  const fewest = Math.min(...near.map((o) => o.tiers.length));
  const simplest = near.filter((o) => o.tiers.length === fewest);
  const best = simplest.find((o) => o === current) ?? simplest.reduce((a, b) => (b.lossUsd! < a.lossUsd! ? b : a));
  const label = (o: TierOption) => `${o.tiers.length} tiers (${o.tiers.join(" → ")})`;
  if (best === current) {
    const next = scored.filter((o) => o !== current).sort((a, b) => a.lossUsd! - b.lossUsd!)[0];
    if (!next) return { recommended: current, reason: `only the current tiers could be evaluated: keep ${label(current)}` };
    const cost = current.costUsd > 0 ? (next.costUsd - current.costUsd) / current.costUsd : 0;
    const quality = (next.quality ?? 0) - (current.quality ?? 0);
    const esc = (next.escalationRate ?? 0) - (current.escalationRate ?? 0);
    return {
      recommended: current,
      reason: `keep ${label(current)}: the best alternative, ${label(next)}, would ${cost < 0 ? `save ${pct(cost)}` : `cost ${pct(cost)} more`}, ${quality >= 0 ? "gain" : "lose"} ${(100 * Math.abs(quality)).toFixed(1)} quality points and ${esc >= 0 ? "add" : "cut"} ${pct(esc)} escalations — worse at the policy's price of a wrong answer`,
    };
  }
  const cost = current.costUsd > 0 ? (best.costUsd - current.costUsd) / current.costUsd : 0;
  const quality = (best.quality ?? 0) - (current.quality ?? 0);
  const simpler = best.tiers.length < current.tiers.length && current.lossUsd !== null && current.lossUsd * (1 - MATERIAL) <= best.lossUsd! ? ` — as good within ${100 * MATERIAL}% at the policy's price of a wrong answer, with one tier fewer to run` : "";
  return {
    recommended: best,
    reason: `switch to ${label(best)}: ${cost < 0 ? `${pct(cost)} cheaper` : `${pct(cost)} dearer`} and ${quality >= 0 ? `${(100 * quality).toFixed(1)} quality points better` : `${(100 * -quality).toFixed(1)} quality points worse`} than ${label(current)}, escalations ${pct(best.escalationRate ?? 0)} vs ${pct(current.escalationRate ?? 0)}${simpler}`,
  };
}

function toOption(tiers: string[], current: boolean, report: ReplayReport, lambda: number): TierOption {
  const c = report.candidate;
  return {
    tiers,
    current,
    costUsd: c.costUsd,
    quality: c.quality,
    qualityLow: c.qualityLow,
    qualityHigh: c.qualityHigh,
    escalationRate: c.escalationRate,
    addedLatencyMs: c.addedLatencyMs.mean,
    lossUsd: c.quality === null ? null : c.costUsd + lambda * report.replayed * (1 - c.quality),
    replayed: report.replayed,
    shares: Object.fromEntries(tiers.map((t) => [t, report.replayed ? (report.candidateServed[t] ?? 0) / report.replayed : 0])),
  };
}

export async function adviseTiers(q: { policy: string; from: Date; to: Date }, onProgress?: (done: number, total: number) => void): Promise<TierAdvice> {
  const config: ConfigFile = configFromRows(await readConfigRows());
  const policy = config.policies.find((p) => p.name === q.policy);
  if (!policy) throw new AppError("not_found", `No policy named "${q.policy}".`);
  const enabled = config.tiers.filter((t) => t.enabled).map((t) => t.name);
  const sets = tierSets(enabled, policy.tiers);
  const lambda = lambdaForBias(policy, resolvePolicyTiers(policy, config.tiers), policy.bias);
  // quality on one scale: P(enough) among all enabled tiers (the trained classifier when it was
  // trained on exactly them, else the built-in scorer), whatever set an option uses
  const reference = { snapshot: (await loadCandidate({ config: { policies: [withTiers(policy, enabled) as never] } }, q.policy)).snapshot, policy: q.policy, tiers: enabled };
  const options: TierOption[] = [];
  for (const [i, tiers] of sets.entries()) {
    const report = await runReplay({ policy: q.policy, from: q.from, to: q.to, reference, candidate: { config: { policies: [withTiers(policy, tiers) as never] } } });
    options.push(toOption(tiers, i === 0, report, lambda));
    onProgress?.(i + 1, sets.length);
  }
  const { recommended, reason: why } = recommend(options);
  const three = options.find((o) => o.tiers.length === 3);
  const middle = three ? three.shares[three.tiers[1]!] ?? 0 : null;
  const band = middle === null ? "" : `; with three tiers the middle one (${three!.tiers[1]}) would answer ${(100 * middle).toFixed(1)}% of requests${middle < 0.1 ? " — too small a middle band for a third tier to pay" : ""}`;
  const reason = why + band;
  return { policy: q.policy, from: q.from.toISOString(), to: q.to.toISOString(), lambdaUsd: lambda, options, recommended: recommended.tiers, reason };
}
