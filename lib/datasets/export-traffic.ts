/**
 * Logged traffic with its labels, exported in the outcomes format (one JSON object per line), so
 * it can be trained on, evaluated or imported elsewhere. A request's outcome is known for the
 * tier that answered it when a reviewer labeled it (correct / should be cheaper → 1, should be
 * more capable → 0) or when it escalated (the cheaper tier's answer → 0, the answer used → 1);
 * requests with neither are not exported (the format needs a score).
 */
import { db } from "../db/prisma";

type ExportRow = { id: string; prompt: string; outcomes: Record<string, Record<string, unknown>>; tags: Record<string, string> };

export async function* exportTraffic(opts: { from?: Date; to?: Date; policy?: string }): AsyncGenerator<string> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.requestLog.findMany({
      where: {
        prompt: { not: null },
        OR: [{ labels: { some: {} } }, { escalated: true }],
        ...(opts.policy ? { policyName: opts.policy } : {}),
        ...(opts.from || opts.to ? { createdAt: { ...(opts.from ? { gte: opts.from } : {}), ...(opts.to ? { lt: opts.to } : {}) } } : {}),
        ...(cursor ? { id: { lt: cursor } } : {}),
      },
      orderBy: { id: "desc" },
      take: 500,
      select: {
        id: true, prompt: true, response: true, tierName: true, model: true, policyName: true, stage: true, promptTokens: true,
        completionTokens: true, costUsd: true, escalated: true, latency: true,
        labels: { orderBy: { createdAt: "desc" }, take: 1, select: { verdict: true, correctTier: { select: { name: true } } } },
      },
    });
    if (!rows.length) return;
    for (const r of rows) yield JSON.stringify(toExportRow(r)) + "\n";
    cursor = rows[rows.length - 1]!.id;
  }
}

function toExportRow(r: {
  id: string; prompt: string | null; response: string | null; tierName: string | null; policyName: string | null; stage: string;
  promptTokens: number; completionTokens: number; costUsd: number; escalated: boolean; latency: unknown;
  labels: Array<{ verdict: string; correctTier: { name: string } | null }>;
}): ExportRow {
  const tier = r.tierName ?? "unknown";
  const label = r.labels[0];
  const outcomes: ExportRow["outcomes"] = {
    [tier]: {
      score: label ? (label.verdict === "should_be_more_capable" ? 0 : 1) : 1,
      prompt_tokens: r.promptTokens,
      completion_tokens: r.completionTokens,
      cost_usd: r.costUsd,
      ...(r.response ? { response: r.response } : {}),
    },
  };
  if (r.escalated) {
    const attempts = ((r.latency as { attempts?: Array<{ tier: string; outcome: string }> })?.attempts ?? []).filter((a) => a.outcome === "low-confidence");
    for (const a of attempts) outcomes[a.tier] ??= { score: 0 };
  }
  const tags: Record<string, string> = { source: "traffic", policy: r.policyName ?? "", tier, stage: r.stage };
  if (label) tags.verdict = label.verdict.replaceAll("_", "-");
  if (label?.correctTier) tags.correctTier = label.correctTier.name;
  return { id: r.id, prompt: r.prompt ?? "", outcomes, tags };
}
