import { z } from "zod";

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, "Give the key a name.").max(100, "Names are at most 100 characters."),
  /** Policy used for `frontdesk/auto`; null = the default policy. */
  policy: z.string().trim().min(1).max(63).nullable().default(null),
  monthlyBudgetUsd: z.number().positive("The budget must be above 0.").max(10_000_000).nullable().default(null),
  overBudget: z.enum(["reject", "downgrade"]).default("reject"),
});

export const updateApiKeySchema = z
  .strictObject({
    name: createApiKeySchema.shape.name.optional(),
    policy: createApiKeySchema.shape.policy.unwrap().unwrap().nullable().optional(),
    monthlyBudgetUsd: createApiKeySchema.shape.monthlyBudgetUsd.unwrap().unwrap().nullable().optional(),
    overBudget: z.enum(["reject", "downgrade"]).optional(),
    revoked: z.literal(true).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change." });

export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;
export type UpdateApiKeyInput = z.infer<typeof updateApiKeySchema>;
