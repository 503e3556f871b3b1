/**
 * The routing configuration as zod schemas: one source of truth for the engine's snapshot, the
 * console's forms, the admin API and `frontdesk config apply`. Everything omitted gets a default;
 * unknown keys are refused (a typo like "inputUsdPerMtok" must not pass silently).
 * Cross-object checks (a policy naming a tier that does not exist) live in validate-config.ts.
 */
import { z } from "zod";
import { checkRegex } from "./check-regex";
import {
  escalationSchema,
  exploreSchema,
  fallbackOnSchema,
  hedgingSchema,
  intentSchema,
  labelingSchema,
  probability,
  shadowSchema,
  speculativeSchema,
  verdictSchema,
} from "./policy-options-schema";

export { escalationSchema, exploreSchema, fallbackOnSchema, hedgingSchema, intentSchema, labelingSchema, shadowSchema, speculativeSchema, verdictSchema };

export const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const name = z
  .string()
  .regex(NAME_PATTERN, "use 1-63 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit");

export const PROVIDERS = ["openai", "anthropic", "simulated"] as const;
const usdPerMTok = z.number().min(0).max(100_000).default(0);

/**
 * What a tier's model can serve. The engine leaves a tier out of a request that needs more
 * (check-capabilities.ts). Defaults fit a current mid-size chat model: tools and JSON-schema
 * output yes, images no (say so per tier), 128k context, 16k output tokens.
 */
export const capabilitiesSchema = z.strictObject({
  /** Function/tool calling (the request declares `tools`). */
  tools: z.boolean().default(true),
  /** Image content parts in messages. */
  vision: z.boolean().default(false),
  /** `response_format: {type: "json_schema"}` (structured outputs). */
  jsonSchema: z.boolean().default(true),
  /** Prompt plus requested output tokens that fit the model's context window. */
  contextTokens: z.int().min(256).max(100_000_000).default(128_000),
  /** The most output tokens a request may ask for (`max_tokens` / `max_completion_tokens`). */
  maxOutputTokens: z.int().min(1).max(10_000_000).default(16_384),
});
export type TierCapabilities = z.infer<typeof capabilitiesSchema>;
export const DEFAULT_CAPABILITIES: TierCapabilities = capabilitiesSchema.parse({});

/** "chat": served through policies (/chat/completions); "embeddings": /embeddings by tier name, never in a policy. */
export const TIER_KINDS = ["chat", "embeddings"] as const;
export type TierKind = (typeof TIER_KINDS)[number];

/**
 * One upstream of a tier that lists several (the same model behind several base URLs, keys or
 * regions). The gateway balances a tier's calls over its deployments by weight and in-flight
 * count; a 429/503 cools one down and the call moves to another (lib/providers/deployment-pool).
 */
export const deploymentSchema = z.strictObject({
  name,
  baseUrl: z.url({ protocol: /^https?$/, error: "use an http(s) URL like https://eu.example.com/v1" }),
  /** Write-only like the tier's key; without one the tier's key is used, only on the tier's own origin. `null` removes a stored one. */
  apiKey: z.string().min(1).max(1000).nullable().optional(),
  weight: z.int("use a whole number").min(1, "at least 1").max(1000, "at most 1000").default(1),
  region: z.string().trim().min(1).max(64).optional(),
  /** The model name at this deployment, when it differs from the tier's. */
  model: z.string().min(1).max(200).optional(),
});
export type DeploymentConfig = z.output<typeof deploymentSchema>;

export const tierSchema = z
  .strictObject({
    name,
    kind: z.enum(TIER_KINDS).default("chat"),
    provider: z.enum(PROVIDERS),
    /** Required for openai/anthropic; simulated tiers run in-process. */
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    model: z.string().min(1).max(200),
    /** Write-only: accepted on input, never exported or shown. */
    apiKey: z.string().min(1).max(1000).optional(),
    inputUsdPerMTok: usdPerMTok,
    outputUsdPerMTok: usdPerMTok,
    timeoutMs: z.int().min(100).max(600_000).default(60_000),
    enabled: z.boolean().default(true),
    /** Provider-specific options (simulated latency, extra request fields, ...). */
    options: z.record(z.string(), z.json()).default({}),
    capabilities: capabilitiesSchema.prefault({}),
    /** Several upstreams for this tier (none: the tier's own base URL and key are its one upstream). */
    deployments: z.array(deploymentSchema).max(32, "at most 32 deployments").default([]),
  })
  .superRefine((tier, ctx) => {
    checkDeployments(tier, ctx);
    if (tier.provider !== "simulated" && !tier.baseUrl && tier.deployments.length === 0) {
      ctx.addIssue({ code: "custom", path: ["baseUrl"], message: `required for provider "${tier.provider}"` });
    }
    if (tier.kind === "embeddings" && tier.provider === "anthropic") {
      ctx.addIssue({ code: "custom", path: ["kind"], message: "Anthropic has no embeddings API: use an OpenAI-compatible or simulated tier" });
    }
  });

function checkDeployments(tier: { provider: string; kind: string; deployments: DeploymentConfig[] }, ctx: z.RefinementCtx) {
  if (tier.deployments.length === 0) return;
  if (tier.provider === "simulated") ctx.addIssue({ code: "custom", path: ["deployments"], message: "a simulated tier runs in process: deployments need an openai or anthropic provider" });
  if (tier.kind === "embeddings") ctx.addIssue({ code: "custom", path: ["deployments"], message: "deployments serve chat tiers only" });
  const seen = new Set<string>();
  tier.deployments.forEach((d, i) => {
    if (seen.has(d.name)) ctx.addIssue({ code: "custom", path: ["deployments", i, "name"], message: `duplicate deployment name "${d.name}"` });
    seen.add(d.name);
  });
}

export const ruleMatchSchema = z
  .strictObject({
    /** Equals the request's category (metadata.category or x-frontdesk-category), case-insensitive. */
    category: z.string().trim().min(1).max(100).optional(),
    /** Any of these words or phrases in the latest user message (case-insensitive, whole words). */
    keywords: z.array(z.string().trim().min(1).max(200)).min(1).max(200).optional(),
    /** An RE2 pattern searched in the latest user message (bounded length, linear time). */
    regex: z.string().min(1).optional(),
    caseSensitive: z.boolean().default(false),
    /** Known question phrasings; matches when the message is similar enough to one of them. */
    faq: z.array(z.string().trim().min(1).max(500)).min(1).max(500).optional(),
    faqMinSimilarity: z.number().min(0.1).max(1).default(0.7),
  })
  .superRefine((match, ctx) => {
    if (!match.category && !match.keywords && !match.regex && !match.faq) {
      ctx.addIssue({ code: "custom", message: "set at least one of category, keywords, regex, faq" });
    }
    if (match.regex !== undefined) {
      const check = checkRegex(match.regex, match.caseSensitive);
      if (!check.ok) ctx.addIssue({ code: "custom", path: ["regex"], message: check.message });
    }
  });

export const ruleSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** All conditions set here must hold (AND); within keywords or faq any entry suffices (OR). */
  match: ruleMatchSchema,
  tier: name,
  enabled: z.boolean().default(true),
});

export const FALLBACK_MODES = ["quality-first", "cost-first"] as const;

export const policySchema = z
  .strictObject({
    name,
    description: z.string().max(500).optional(),
    /** Tier names ordered cheapest → most capable. */
    tiers: z.array(name).min(1).max(8),
    /** 0 = cost first, 1 = quality first, 0.5 = calibrated default (bias-to-lambda.ts). */
    bias: probability.default(0.5),
    fallback: z.enum(FALLBACK_MODES).default("quality-first"),
    escalation: escalationSchema.prefault({}),
    hedging: hedgingSchema.prefault({}),
    speculative: speculativeSchema.prefault({}),
    fallbackOn: fallbackOnSchema.prefault({}),
    labeling: labelingSchema.prefault({}),
    intent: intentSchema.prefault({}),
    explore: exploreSchema.prefault({}),
    shadow: shadowSchema.prefault({}),
    verdict: verdictSchema.prefault({}),
    storePrompts: z.boolean().default(true),
    expectedOutputTokens: z.int().min(1).max(1_000_000).default(300),
    /** The request size at which bias 0.5 means "escalate when p >= 0.5" (bias-to-lambda.ts). */
    referencePromptTokens: z.int().min(1).max(1_000_000).default(1000),
    /** At most this many characters of the message are searched by keyword and regex rules (head + tail). */
    regexInputChars: z.int().min(256).max(65_536).default(2048),
    rules: z.array(ruleSchema).max(500).default([]),
  })
  .superRefine((policy, ctx) => {
    policy.tiers.forEach((tier, i) => {
      if (policy.tiers.indexOf(tier) !== i) ctx.addIssue({ code: "custom", path: ["tiers", i], message: `tier "${tier}" listed twice` });
    });
    const seen = new Set<string>();
    policy.rules.forEach((rule, i) => {
      if (seen.has(rule.name)) ctx.addIssue({ code: "custom", path: ["rules", i, "name"], message: `duplicate rule name "${rule.name}"` });
      seen.add(rule.name);
    });
  });

export const configFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    tiers: z.array(tierSchema).default([]),
    policies: z.array(policySchema).default([]),
    /** The policy behind `frontdesk/auto`. */
    defaultPolicy: name.optional(),
  })
  .superRefine((file, ctx) => {
    for (const key of ["tiers", "policies"] as const) {
      const seen = new Set<string>();
      file[key].forEach((item, i) => {
        if (seen.has(item.name)) ctx.addIssue({ code: "custom", path: [key, i, "name"], message: `duplicate name "${item.name}"` });
        seen.add(item.name);
      });
    }
  });

export type TierConfig = z.output<typeof tierSchema>;
export type TierConfigInput = z.input<typeof tierSchema>;
export type RuleConfig = z.output<typeof ruleSchema>;
export type RuleMatch = z.output<typeof ruleMatchSchema>;
export type PolicyConfig = z.output<typeof policySchema>;
export type PolicyConfigInput = z.input<typeof policySchema>;
export type ConfigFile = z.output<typeof configFileSchema>;
export type ConfigFileInput = z.input<typeof configFileSchema>;
export type FallbackMode = PolicyConfig["fallback"];
export type FallbackOn = PolicyConfig["fallbackOn"];
export type Provider = TierConfig["provider"];
