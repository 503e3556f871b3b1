/**
 * frontdesk advise-tiers [--since 7d] [--policy <name>] [--json]
 * The policy's logged traffic replayed under 2-tier and 3-tier alternatives of the enabled tiers:
 * cost, quality, escalation rate and added latency each, and which to keep and why.
 */
import { withCliDatabase } from "../cli-database";
import { parseCommand, parseSince, UsageError, withUsage } from "../args";

export const summary = "[--since 7d] [--policy <p>] [--json] — 2 or 3 tiers? replayed alternatives and a recommendation";

const USAGE = "usage: frontdesk advise-tiers [--since <30m|24h|7d>] [--policy <name>] [--json]";

export async function run(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values, positionals } = parseCommand(args, { since: { type: "string" }, policy: { type: "string" }, json: { type: "boolean" } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const range = parseSince(values.since);
    const { adviseTiers } = await import("../../lab/advise-tiers");
    const { defaultPolicyName } = await import("../../lab/default-policy");
    const advice = await withCliDatabase(async () => adviseTiers({ policy: values.policy ?? (await defaultPolicyName()), ...range }, (done, total) => process.stderr.write(`\r  replayed ${done} of ${total} tier sets`)));
    process.stderr.write("\n");
    if (values.json) {
      process.stdout.write(`${JSON.stringify(advice, null, 2)}\n`);
      return 0;
    }
    const f = (x: number | null, d = 3) => (x === null ? "–" : x.toFixed(d));
    const lines = [`policy ${advice.policy}, ${advice.from} → ${advice.to}`];
    for (const o of advice.options) {
      lines.push(`  ${o.current ? "*" : " "} ${o.tiers.join(" → ").padEnd(40)} cost $${o.costUsd.toFixed(4)}  quality ${f(o.quality)}  escalations ${o.escalationRate === null ? "–" : `${(100 * o.escalationRate).toFixed(1)}%`}`);
    }
    lines.push(`recommended: ${advice.recommended.join(" → ")} — ${advice.reason}`);
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  });
}
