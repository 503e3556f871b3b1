/**
 * Labeling-queue fixtures for integration tests: a policy of its own (so tests sharing the run's
 * database do not see each other's requests), logged requests with a chosen uncertainty and
 * sample marker, and signed-in users.
 */
import { randomBytes } from "node:crypto";
import { db } from "../db/prisma";
import { uuidv7 } from "../gateway/uuidv7";

export { signedIn } from "./requests";

/** A policy over new tiers named `<prefix>-<tier>`, cheapest first. */
export async function makePolicy(tierNames: string[] = ["fast", "balanced", "capable"]) {
  const prefix = `t${randomBytes(3).toString("hex")}`;
  const tiers = [];
  for (const [rank, name] of tierNames.entries()) {
    tiers.push(await db.tier.create({ data: { name: `${prefix}-${name}`, rank, provider: "simulated", model: `${name}-model` } }));
  }
  const policy = await db.policy.create({
    data: { name: `${prefix}-policy`, tiers: { create: tiers.map((t, position) => ({ tierId: t.id, position })) } },
  });
  return { policy, tiers: tiers.map((t) => t.name), tierIds: tiers.map((t) => t.id) };
}

export type LogOptions = {
  policy: { id: string; name: string };
  tier: string;
  uncertainty?: number | null;
  labelCandidate?: "random" | "uncertain" | null;
  createdAt?: Date;
  status?: "ok" | "error";
  stage?: string;
  prompt?: string | null;
};

export async function logRequest(o: LogOptions): Promise<string> {
  const createdAt = o.createdAt ?? new Date();
  const id = uuidv7(createdAt.getTime());
  await db.requestLog.create({
    data: {
      id,
      createdAt,
      policyId: o.policy.id,
      policyName: o.policy.name,
      tierName: o.tier,
      model: `${o.tier}-model`,
      stage: o.stage ?? "classifier",
      reason: "test decision",
      uncertainty: o.uncertainty ?? null,
      decision: {
        policy: o.policy.name,
        tier: o.tier,
        stage: o.stage ?? "classifier",
        labelCandidate: o.labelCandidate ?? null,
        fallbacks: [],
        scores: { classifier: { id: "heuristic", kind: "heuristic" }, p: [0.4], costUsd: [0.0001, 0.002], expectedLossUsd: [0.001, 0.002] },
        thresholds: { bias: 0.5, lambdaUsd: 0.004, promptTokens: 12, nominalCosts: false, steps: [{ from: "a", to: "b", costDeltaUsd: 0.0019, minProbability: 0.5 }], speculative: null, hedgeBand: null },
        trace: [{ stage: "classifier", outcome: "hit", detail: "p=0.40", micros: 12 }],
      },
      latency: { routingMs: 0.1, attempts: [{ tier: o.tier, model: `${o.tier}-model`, ms: 120, outcome: "ok", costUsd: 0.0001 }] },
      status: o.status ?? "ok",
      prompt: o.prompt === undefined ? `user: question ${id}` : o.prompt,
      response: "an answer",
    },
  });
  return id;
}
