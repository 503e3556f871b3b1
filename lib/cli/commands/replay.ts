/**
 * frontdesk replay --candidate <draft.json> [--since 7d] [--policy <name>] [--classifier <version id>] [--json]
 * Replays the policy's logged traffic through a candidate — the stored config with a draft
 * applied ({"policies": [{"name": "default", "bias": 0.8}]}, or a whole exported config), and/or
 * another classifier version — with the gateway's own step machine and no upstream calls.
 */
import { readFileSync } from "node:fs";
import { withCliDatabase } from "../cli-database";
import { parseCommand, parseSince, required, UsageError, withUsage } from "../args";

export const summary = "--candidate <draft.json> [--since 7d] [--policy <p>] [--classifier <id>] [--json] — what a change would do on logged traffic";

const USAGE = "usage: frontdesk replay --candidate <draft.json> [--since <30m|24h|7d>] [--policy <name>] [--classifier <version id>] [--json]";

function readDraft(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)}%`);
const q = (x: number | null) => (x === null ? "–" : x.toFixed(3));

export async function run(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values, positionals } = parseCommand(args, { candidate: { type: "string" }, since: { type: "string" }, policy: { type: "string" }, classifier: { type: "string" }, json: { type: "boolean" } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const draft = readDraft(required(values.candidate, "candidate")) as Record<string, unknown>;
    const range = parseSince(values.since);
    const { candidateSchema } = await import("../../lab/candidate");
    const parsed = candidateSchema.safeParse({ config: "config" in draft ? draft.config : draft, ...(values.classifier ? { classifierVersionId: values.classifier } : {}) });
    if (!parsed.success) throw new UsageError(`the candidate is not a config draft: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
    const { runReplay } = await import("../../lab/replay/run-replay");
    const { defaultPolicyName } = await import("../../lab/default-policy");
    const report = await withCliDatabase(async () => {
      const policy = values.policy ?? (await defaultPolicyName());
      return runReplay({ policy, ...range, candidate: parsed.data }, (done, total) => process.stderr.write(`\r  replayed ${done} / ${total}`));
    });
    process.stderr.write("\n");
    if (values.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    const c = report.candidate;
    process.stdout.write(
      [
        `policy ${report.policy}, ${report.from} → ${report.to}: ${report.requests} logged requests, ${report.replayed} replayed in ${report.ms} ms`,
        ...Object.entries(report.notReplayable).map(([why, n]) => `  not replayable (${why}): ${n}`),
        `  tier changes: ${report.changed} (${report.up} up, ${report.down} down)`,
        `  cost: now $${report.current.costUsd.toFixed(4)}, candidate $${c.costUsd.toFixed(4)}`,
        `  quality: now ${q(report.current.quality)}, candidate ${q(c.quality)} [${q(c.qualityLow)}, ${q(c.qualityHigh)}] (${c.estimate.method}; ${c.estimate.evidence} with direct evidence (${c.estimate.evidenceBySource.label} labels, ${c.estimate.evidenceBySource.shadow} shadow pairs), ESS ${c.estimate.ess === null ? "–" : c.estimate.ess.toFixed(1)})`,
        `  escalations: now ${pct(report.current.escalationRate)}, candidate ${pct(c.escalationRate)}; added latency mean ${c.addedLatencyMs.mean?.toFixed(0) ?? "–"} ms, p95 ${c.addedLatencyMs.p95?.toFixed(0) ?? "–"} ms`,
      ].join("\n") + "\n",
    );
    return 0;
  });
}
