/**
 * frontdesk ledger [--since 7d] [--policy <name>] [--json]
 * Is routing paying off? Baseline (everything on the most capable tier) vs actual cost with
 * escalation and hedge waste, the router's overhead, escalation latency, quality and a verdict
 * with its reasons — the overview's ledger card, from the rollups.
 */
import { withCliDatabase } from "../cli-database";
import { parseCommand, parseSince, UsageError, withUsage } from "../args";
import type { Ledger } from "../../lab/ledger";

export const summary = "[--since 7d] [--policy <p>] [--json] — is routing paying off: cost vs baseline, waste, verdict";

const USAGE = "usage: frontdesk ledger [--since <30m|24h|7d>] [--policy <name>] [--json]";

const money = (x: number) => `$${x.toFixed(x !== 0 && Math.abs(x) < 1 ? 4 : 2)}`;
const ms = (x: number | null) => (x === null ? "–" : `${x.toFixed(x < 10 ? 2 : 0)} ms`);

export function formatLedger(l: Ledger): string {
  const lines = [
    `${l.policy ? `policy ${l.policy}` : "all policies"}, ${l.from} → ${l.to}: ${l.requests} requests (${l.errors} failed)`,
    `  baseline (all on the most capable tier) ${money(l.baselineUsd)}   actual ${money(l.actualUsd)}   net saving ${money(l.netSavingsUsd)}${l.netSavingsPct === null ? "" : ` (${l.netSavingsPct.toFixed(1)}%)`}`,
    `  waste: escalation ${money(l.escalationWasteUsd)}, hedges ${money(l.hedgeWasteUsd)}; exploration ${money(l.exploreCostUsd)} over ${l.explored} requests; shadow evaluation ${money(l.shadowUsd)} (${l.shadowPairs} pairs)`,
    `  router overhead p50 ${ms(l.routerOverheadMs.p50)}, p95 ${ms(l.routerOverheadMs.p95)}; escalations add p50 ${ms(l.escalationLatencyMs.p50)}, p95 ${ms(l.escalationLatencyMs.p95)}`,
    `  tiers: ${l.tierShares.map((t) => `${t.tier} ${(100 * t.share).toFixed(1)}%`).join(", ") || "–"}`,
    `verdict: ${l.verdict.worthIt ? "routing pays off" : "routing does not pay off here"}`,
    ...l.verdict.reasons.map((r) => `  ${r.ok ? "✓" : "✗"} ${r.text}`),
  ];
  return lines.join("\n");
}

export async function run(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values, positionals } = parseCommand(args, { since: { type: "string" }, policy: { type: "string" }, json: { type: "boolean" } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const range = parseSince(values.since);
    const { getLedger, getLedgers } = await import("../../lab/get-ledger");
    const ledger = await withCliDatabase(async () => (values.policy ? getLedger({ ...range, policy: values.policy }) : (await getLedgers(range)).total));
    process.stdout.write(values.json ? `${JSON.stringify(ledger, null, 2)}\n` : `${formatLedger(ledger)}\n`);
    return 0;
  });
}
