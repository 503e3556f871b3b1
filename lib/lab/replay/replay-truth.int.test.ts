import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seed } from "../../../prisma/seed";
import { loadGatewayConfig, type GatewayConfig } from "../../config/load-gateway-config";
import { migrate } from "../../db/migrate";
import { streamReplayRows } from "../../db/replay-repo";
import { backfillDemoTraffic } from "../../demo/backfill-demo-traffic";
import { simulateRequest } from "../../demo/simulate-request";
import { resetEnvCache } from "../../env";
import { loadReplayRows } from "../../providers/replay-datasets";
import { createRng } from "../../providers/simulated-random";
import { promptKey } from "../../providers/simulated-replay";
import { demoVerdict } from "../../demo/demo-labels";
import { createTestDatabase } from "../../testing/test-database";
import { loadCandidate, type Candidate } from "../candidate";
import { parseTranscript } from "../../routing/transcript";
import { runReplay } from "./run-replay";

// Replay checked against truth. A demo world whose prompts all come from RouteProfile, where
// every model's answer is recorded with its score: the replayed quality of a candidate must be
// within 3 points of what serving that candidate on the same prompts gives — each request run
// through the demo simulator with the candidate's config, its answer judged adequate when the
// answering tier's recorded score is as good as the policy's best tier's (the classifier's own
// definition of "enough").

const POLICY = "default";
const END = Date.parse("2026-11-20T00:00:00Z");
const RANGE = { from: new Date(END - 3 * 86_400_000), to: new Date(END) };
let drop: () => Promise<void>;
let config: GatewayConfig;

beforeAll(async () => {
  const database = await createTestDatabase(inject("pgServerUrl"), "frontdesk_replay");
  drop = database.drop;
  await migrate(database.url);
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  await seed({ adminPassword: "replay-truth-pw", demo: true, demoTraffic: false });
  config = await loadGatewayConfig();
  await backfillDemoTraffic({ config, end: END, days: 3, requests: 3000, datasetOnly: true });
}, 120_000);

afterAll(async () => {
  const { disconnectDb } = await import("../../db/prisma");
  const { closePgPool } = await import("../../db/pg-pool");
  await disconnectDb();
  await closePgPool();
  await drop?.();
});

/** The models' recorded scores on a prompt, in the policy's tier order. */
function scoresOf(prompt: string): number[] | null {
  const rows = loadReplayRows("routeprofile");
  const byPrompt = new Map(rows.map((r) => [promptKey(r.prompt ?? ""), r]));
  const row = byPrompt.get(promptKey(prompt));
  const tiers = config.snapshot.policies.get(POLICY)!.tiers;
  const scores = tiers.map((t) => row?.outcomes[config.targets.get(t)!.model]?.score);
  return scores.every((s) => s !== undefined) ? (scores as number[]) : null;
}

/** Serving the candidate on the logged prompts (demo simulator, no incidents): the share of adequate answers. */
async function servedQuality(candidate: Candidate): Promise<{ quality: number; n: number }> {
  const world = await loadCandidate(candidate, POLICY);
  const env = { config: { ...config, snapshot: world.snapshot }, rng: createRng(5), targetFor: (t: string) => config.targets.get(t)!, health: () => "healthy" as const };
  const tiers = world.snapshot.policies.get(POLICY)!.tiers;
  let adequate = 0;
  let n = 0;
  for await (const page of streamReplayRows({ policy: POLICY, ...RANGE })) {
    for (const row of page) {
      const prompt = parseTranscript(row.prompt!).at(-1)!.content;
      const scores = scoresOf(prompt);
      if (!scores) continue;
      const served = await simulateRequest(env, { id: row.id, at: row.createdAt.getTime(), policy: POLICY, prompt });
      if (!served || served.row.status !== "ok") continue;
      n++;
      // adequate as a reviewer judges it (demo-labels.ts): not "a more capable tier would have got it right"
      if (demoVerdict(scores, tiers.indexOf(served.row.tierName!), () => 0.5).verdict !== "should-be-more-capable") adequate++;
    }
  }
  return { quality: adequate / n, n };
}

describe("replay against truth (demo week with recorded outcomes)", () => {
  it.each([
    ["the logged policy itself (bias 0.5)", { config: { policies: [{ name: POLICY, bias: 0.5 }] } }],
    ["a lower bias (0.35)", { config: { policies: [{ name: POLICY, bias: 0.35 }] } }],
    ["a much lower bias (0.15)", { config: { policies: [{ name: POLICY, bias: 0.15 }] } }],
    ["escalation off (bias 0.5)", { config: { policies: [{ name: POLICY, escalation: { enabled: false } }] } }],
    ["escalation off and a lower bias (0.25)", { config: { policies: [{ name: POLICY, bias: 0.25, escalation: { enabled: false } }] } }],
  ])("replays %s within 3 points of serving it", async (_label, candidate: Candidate) => {
    const report = await runReplay({ policy: POLICY, ...RANGE, candidate });
    const truth = await servedQuality(candidate);
    expect(report.replayed).toBeGreaterThan(800);
    expect(truth.n).toBeGreaterThan(800);
    expect(Math.abs(report.candidate.quality! - truth.quality)).toBeLessThanOrEqual(0.03);
    expect(report.candidate.qualityLow!).toBeLessThanOrEqual(report.candidate.quality!);
    expect(report.candidate.qualityHigh!).toBeGreaterThanOrEqual(report.candidate.quality!);
  }, 120_000);

  it("projects higher cost and quality for a higher bias than for a lower one", async () => {
    const high = await runReplay({ policy: POLICY, ...RANGE, candidate: { config: { policies: [{ name: POLICY, bias: 0.65 }] } } });
    const low = await runReplay({ policy: POLICY, ...RANGE, candidate: { config: { policies: [{ name: POLICY, bias: 0.15 }] } } });
    expect(high.candidate.costUsd).toBeGreaterThan(low.candidate.costUsd);
    expect(high.candidate.quality!).toBeGreaterThan(low.candidate.quality!);
    expect(high.up).toBeGreaterThan(high.down);
    expect(low.down).toBeGreaterThan(low.up);
  }, 120_000);
});
