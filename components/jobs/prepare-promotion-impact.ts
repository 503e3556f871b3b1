/**
 * The promote dialog's table from GET /api/admin/classifiers/:id/impact: cost per 1,000 requests,
 * cost per month at the current volume and the share of answers judged adequate, before → after,
 * each change marked by which way it goes for the policy.
 */
import { formatCount, formatPercent, formatUsd } from "@/components/charts/format";
import type { PromotionImpact } from "@/lib/lab/promotion-impact";

export type ImpactTone = "better" | "worse" | "same";

export type ImpactRow = { key: "costPer1k" | "costPerMonth" | "quality" | "topShare"; label: string; before: string; after: string; change: string; tone: ImpactTone };

const EPSILON = 1e-9;

function tone(diff: number, higherIsBetter: boolean | null): ImpactTone {
  if (Math.abs(diff) < EPSILON || higherIsBetter === null) return "same";
  return diff > 0 === higherIsBetter ? "better" : "worse";
}

function signed(v: number, text: string): string {
  return Math.abs(v) < EPSILON ? "±0" : `${v > 0 ? "+" : "−"}${text}`;
}

function relative(before: number, after: number): string {
  if (before === 0) return after === 0 ? "±0" : "new";
  const r = after / before - 1;
  return signed(r, formatPercent(Math.abs(r), 1));
}

export function prepareImpactRows(impact: PromotionImpact): ImpactRow[] {
  const { before, after } = impact;
  const top = impact.tiers.length - 1;
  const topBefore = before.shares[top] ?? 0;
  const topAfter = after.shares[top] ?? 0;
  return [
    { key: "costPer1k", label: "Cost per 1,000 requests", before: formatUsd(before.costPer1k), after: formatUsd(after.costPer1k), change: relative(before.costPer1k, after.costPer1k), tone: tone(after.costPer1k - before.costPer1k, false) },
    {
      key: "costPerMonth",
      label: `Cost per month (${formatCount(impact.monthlyRequests)} requests)`,
      before: formatUsd(before.costPerMonth),
      after: formatUsd(after.costPerMonth),
      change: signed(after.costPerMonth - before.costPerMonth, formatUsd(Math.abs(after.costPerMonth - before.costPerMonth))),
      tone: tone(after.costPerMonth - before.costPerMonth, false),
    },
    {
      key: "quality",
      label: "Answers judged adequate",
      before: formatPercent(before.quality),
      after: formatPercent(after.quality),
      change: signed(impact.qualityChange, `${(Math.abs(impact.qualityChange) * 100).toFixed(1)} pp`),
      tone: tone(impact.qualityChange, true),
    },
    {
      key: "topShare",
      label: `Requests sent to ${impact.tiers[top] ?? "the top tier"}`,
      before: formatPercent(topBefore),
      after: formatPercent(topAfter),
      change: signed(topAfter - topBefore, `${(Math.abs(topAfter - topBefore) * 100).toFixed(1)} pp`),
      tone: "same",
    },
  ];
}

/** How the monthly volume was reckoned, in a sentence. */
export function volumeNote(impact: Pick<PromotionImpact, "requestsLastWeek" | "monthlyRequests">): string {
  return `Per month at the current volume: ${formatCount(impact.requestsLastWeek)} requests in the last 7 days × 30/7 = ${formatCount(impact.monthlyRequests)}.`;
}
