/**
 * What a lab job is asked to do — replay a candidate, or advise on the tier count — validated
 * when it is started (API) and when it runs (worker). No lab code here, so route handlers stay light.
 */
import { z } from "zod";
import { candidateSchema } from "../../lab/candidate";

const MAX_RANGE_MS = 90 * 86_400_000;

const common = {
  policy: z.string().trim().min(1, "Choose a policy."),
  from: z.coerce.date({ error: "from must be a date" }),
  to: z.coerce.date({ error: "to must be a date" }),
};

export const labPayloadSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("replay"), ...common, candidate: candidateSchema, label: z.string().trim().max(200).optional() }),
    z.strictObject({ kind: z.literal("advise-tiers"), ...common }),
  ])
  .superRefine((p, ctx) => {
    const ms = p.to.getTime() - p.from.getTime();
    if (!(ms > 0)) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
    else if (ms > MAX_RANGE_MS) ctx.addIssue({ code: "custom", path: ["from"], message: "a lab run covers at most 90 days" });
  });

export type LabPayload = z.infer<typeof labPayloadSchema>;
