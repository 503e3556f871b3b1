/**
 * A rules draft's impact (POST /api/admin/policies/:name/rules/impact → lib/config/rule-impact) on
 * a large log: a fresh database with a demo backfill (BENCH_REQUESTS, default 40,000, over 7 days,
 * RouteProfile prompts), then the "default" policy's draft — its rules plus a keyword rule and a
 * regex rule — run over the newest 20,000 logged requests (the cap), BENCH_ROUNDS (default 3)
 * times. Prints the time per call (the review dialog waits for it) and rows per second.
 * Uses DATABASE_URL's server or a temporary embedded Postgres; the database is dropped after.
 */
import { withDemoTrafficDatabase } from "./lib/demo-traffic-database";
import { median } from "./lib/rounds";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function main() {
  await withDemoTrafficDatabase("frontdesk_bench_impact", REQUESTS, async () => {
    const { getPolicyRules } = await import("../lib/config/manage-rules");
    const { ruleImpact } = await import("../lib/config/rule-impact");
    const policy = await getPolicyRules("default");
    const tier = policy.tiers[policy.tiers.length - 1]!;
    const draft = [
      ...policy.rules,
      { name: "bench-billing", match: { keywords: ["refund", "invoice", "charged twice"] }, tier, enabled: true },
      { name: "bench-orders", match: { regex: "order\\s*#?\\d{4,}" }, tier, enabled: true },
    ];
    await ruleImpact("default", { rules: draft }); // warm-up
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const impact = await ruleImpact("default", { rules: draft });
      const ms = performance.now() - started;
      times.push(ms);
      const rate = (impact.scanned / ms) * 1000;
      console.log(`  round ${round + 1}: ${impact.scanned.toLocaleString("en-US")} requests (${impact.withoutPrompt} without prompt) in ${Math.round(ms)} ms → ${Math.round(rate).toLocaleString("en-US")}/s; ${impact.changed} changed; matches ${impact.rules.map((r) => `${r.rule} ${r.matches}`).join(", ")}`);
    }
    console.log(`rule impact, median of ${ROUNDS}: ${Math.round(median(times))} ms per call over the newest ≤ 20,000 requests`);
  });
}

await main();
