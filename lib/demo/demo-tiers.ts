/**
 * Simulated tiers priced like the models in data/ (see data/README.md). They replay the answers
 * those models gave in data/routing/routeprofile.jsonl; other prompts get a canned answer.
 */
export const DEMO_TIERS = [
  { name: "fast", rank: 0, model: "llama-3.2-3b-instruct", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06, timeoutMs: 20_000, latency: [250, 700], errorRate: 0.01 },
  { name: "balanced", rank: 1, model: "mistral-small-24b-instruct-2501-bf16", inputUsdPerMTok: 0.8, outputUsdPerMTok: 0.8, timeoutMs: 30_000, latency: [500, 1300], errorRate: 0.005 },
  { name: "capable", rank: 2, model: "llama-3.3-70b-instruct", inputUsdPerMTok: 0.88, outputUsdPerMTok: 0.88, timeoutMs: 60_000, latency: [900, 2500], errorRate: 0 },
] as const;

export function demoOptions(t: (typeof DEMO_TIERS)[number]) {
  return {
    demo: true,
    replay: { dataset: "routeprofile" },
    latency: { kind: "lognormal", medianMs: t.latency[0], p95Ms: t.latency[1] },
    errorRate: t.errorRate,
  };
}

/**
 * The first stage of the cascade on day one: obvious requests decided by rules before any
 * classifier runs. Known support questions and small talk go to the cheapest tier, requests
 * tagged as disputes to the most capable one. Seeded into both demo policies.
 */
export const DEMO_RULES = [
  {
    name: "support-faq",
    match: {
      faq: [
        "What are your opening hours?",
        "How do I reset my password?",
        "Where can I download last month's invoice?",
        "How do I contact support?",
        "Do you ship internationally?",
        "How do I change my email address?",
      ],
    },
    tier: "fast",
  },
  { name: "small-talk", match: { faq: ["Thanks, that worked!", "Thank you!", "Hello!", "Good morning!"] }, tier: "fast" },
  { name: "disputes", match: { category: "dispute" }, tier: "capable" },
] as const;

/** The third demo policy: a support desk's mostly simple traffic (backfill-demo-traffic), where routing pays. */
export const DEMO_SUPPORT_POLICY = "support-desk";
/** It explores a little, so its logged traffic supports off-policy replay in the lab. */
export const DEMO_EXPLORE = { enabled: true, rate: 0.05, uncertainAbove: 0.3 };
/** It shadows a sample of its answers on the tier above, so the ledger, the lab and the slider have graded pairs. */
export const DEMO_SHADOW = { enabled: true, rate: 0.05, dailyUsdCap: 2, target: "next", judgeTier: null };
/** "three-tier" hedges borderline decisions, so the ledger has hedge waste to show. */
export const DEMO_HEDGING = { enabled: true, band: [0.08, 0.3], delayMs: 350 };

