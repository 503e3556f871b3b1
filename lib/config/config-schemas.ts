/**
 * Request bodies of the console's config APIs. Values are validated by lib/routing's schemas
 * (tierSchema, ruleSchema, policySchema) after merging with what is stored, so the console form
 * and the API give the same message for the same field; these only fix which keys may be sent.
 * Browser-safe.
 */
import { z } from "zod";
import { FALLBACK_MODES, PROVIDERS, ruleSchema, TIER_KINDS } from "../routing/config-schema";

const json = z.record(z.string(), z.unknown());

/** PATCH /api/admin/tiers/:name — anything but the name; `apiKey: null` removes the stored key. */
export const tierPatchSchema = z
  .strictObject({
    kind: z.enum(TIER_KINDS),
    provider: z.enum(PROVIDERS),
    baseUrl: z.string().nullable(),
    model: z.string(),
    apiKey: z.string().min(1, "Required.").max(1000).nullable(),
    inputUsdPerMTok: z.number(),
    outputUsdPerMTok: z.number(),
    timeoutMs: z.number(),
    enabled: z.boolean(),
    options: json,
    /** Merged key by key into the stored capabilities. */
    capabilities: json,
    /** Replaces the whole list; a deployment's `apiKey` as the tier's (absent keeps the stored one). */
    deployments: z.array(json).max(32),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change." });

export type TierPatch = z.infer<typeof tierPatchSchema>;

/** POST /api/admin/tiers/reorder — every tier's name, in the new order. */
export const tierOrderSchema = z.strictObject({ order: z.array(z.string().min(1)).min(1).max(1000) });

/** PUT /api/admin/policies/:name/rules — the whole ordered list (replaces the stored one). */
export const rulesBodySchema = z.strictObject({ rules: z.array(ruleSchema).max(500) });

/**
 * PATCH /api/admin/policies/:name — the product owner's settings. Nested groups are merged
 * into the stored ones, then the whole policy is validated with policySchema.
 */
export const policyPatchSchema = z
  .strictObject({
    description: z.string(),
    bias: z.number(),
    fallback: z.enum(FALLBACK_MODES),
    escalation: json,
    hedging: json,
    speculative: json,
    intent: json,
    explore: json,
    shadow: json,
    verdict: json,
    storePrompts: z.boolean(),
    expectedOutputTokens: z.number(),
    referencePromptTokens: z.number(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change." });

export type PolicyPatch = z.infer<typeof policyPatchSchema>;

/** POST /api/admin/policies/:name/test-route — the test bench's request. */
export const testRouteSchema = z.strictObject({
  prompt: z.string().min(1, "Type a prompt.").max(200_000),
  category: z.string().trim().max(100).optional(),
  session: z.string().trim().max(200).optional(),
  model: z.string().trim().max(200).optional(),
  /** A draft of the policy's rules (unsaved) to decide with instead of the saved ones. */
  rules: z.array(ruleSchema).max(500).optional(),
});

export type TestRouteInput = z.infer<typeof testRouteSchema>;
