import { z } from "zod";

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, "Give the key a name.").max(100, "Names are at most 100 characters."),
  /** Policy used for `frontdesk/auto`; null = the default policy. */
  policy: z.string().trim().min(1).max(63).nullable().default(null),
  monthlyBudgetUsd: z.number().positive("The budget must be above 0.").max(10_000_000).nullable().default(null),
  overBudget: z.enum(["reject", "downgrade"]).default("reject"),
  /** Requests per minute, across gateway instances with REDIS_URL (else per instance); null = unlimited. */
  rateLimitPerMinute: z
    .number("The rate limit must be a whole number of requests per minute.")
    .int("The rate limit must be a whole number of requests per minute.")
    .min(1, "The rate limit must be at least 1 request per minute.")
    .max(100_000, "The rate limit is at most 100,000 requests per minute.")
    .nullable()
    .default(null),
});

export const updateApiKeySchema = z
  .strictObject({
    name: createApiKeySchema.shape.name.optional(),
    policy: createApiKeySchema.shape.policy.unwrap().unwrap().nullable().optional(),
    monthlyBudgetUsd: createApiKeySchema.shape.monthlyBudgetUsd.unwrap().unwrap().nullable().optional(),
    overBudget: z.enum(["reject", "downgrade"]).optional(),
    rateLimitPerMinute: createApiKeySchema.shape.rateLimitPerMinute.unwrap().unwrap().nullable().optional(),
    revoked: z.literal(true).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change." });

export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;
export type UpdateApiKeyInput = z.infer<typeof updateApiKeySchema>;
