/**
 * What a retraining job is asked to do, validated the same way when it is started (API) and
 * when it runs (worker). Kept apart from the job's code so route handlers never import the
 * training machinery (which forks a process).
 */
import { z } from "zod";

export const retrainPayloadSchema = z
  .strictObject({
    policy: z.string().trim().min(1, "Choose a policy."),
    datasets: z.array(z.uuid()).max(50, "Choose at most 50 datasets.").default([]),
    labelsSince: z.coerce.date({ error: "labelsSince must be a date" }).optional(),
    includeLabels: z.boolean().default(true),
    includeEscalations: z.boolean().default(true),
    includeShadow: z.boolean().default(true),
    holdout: z.number({ error: "Enter the hold-out share as a number." }).min(0.05, "Hold out at least 5%.").max(0.5, "Hold out at most 50%.").default(0.2),
    seed: z.int({ error: "The seed is a whole number." }).min(0, "The seed is 0 or more.").max(2 ** 31 - 1, "The seed is at most 2147483647.").default(1),
  })
  .refine((p) => p.datasets.length > 0 || p.includeLabels || p.includeEscalations || p.includeShadow, { path: ["datasets"], message: "Choose at least one data source." });

export type RetrainPayload = z.infer<typeof retrainPayloadSchema>;

/** A failure retrying cannot fix (bad data, missing policy): the job fails at once. */
export class PermanentJobError extends Error {}

