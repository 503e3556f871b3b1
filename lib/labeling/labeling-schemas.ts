/**
 * Inputs of the labeling APIs, shared by the route handlers and the console. Browser-safe.
 * Verdicts travel hyphenated (as stored in Postgres); the drift page maps them to directions:
 * "should-be-more-capable" = quality error, "should-be-cheaper" = cost error.
 */
import { z } from "zod";

export const VERDICTS = ["correct", "should-be-cheaper", "should-be-more-capable"] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_LABELS: Record<Verdict, string> = {
  correct: "Correct",
  "should-be-cheaper": "Should be cheaper",
  "should-be-more-capable": "Should be more capable",
};

/** uncertain: served by the most-uncertain-first stream; random: the engine's uniform sample. */
export type LabelSample = "uncertain" | "random";

const MAX_EXCLUDE = 200;
const MAX_AVOID = 10;
/** The most identical requests one label is applied to (claim-next-item's MAX_IDENTICAL). */
const MAX_IDENTICAL_IDS = 200;

/** GET /api/admin/labeling/next and /progress. `exclude`: comma-separated request ids. */
export const queueFiltersSchema = z.object({
  policy: z.string().trim().min(1).max(63).optional(),
  tier: z.string().trim().min(1).max(63).optional(),
  from: z.coerce.date({ error: "from must be a date (ISO 8601)" }).optional(),
  to: z.coerce.date({ error: "to must be a date (ISO 8601)" }).optional(),
});

export type QueueFilters = z.infer<typeof queueFiltersSchema>;

export const nextQuerySchema = queueFiltersSchema.extend({
  exclude: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").filter(Boolean) : []))
    .pipe(z.array(z.uuid({ error: "exclude must list request ids" })).max(MAX_EXCLUDE, `exclude lists at most ${MAX_EXCLUDE} ids`)),
  /** Group keys (of the items on screen and the one just judged) to serve only when nothing else is open. */
  avoid: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").filter(Boolean) : []))
    .pipe(z.array(z.string().regex(/^[0-9a-f]{32}$/, "avoid must list group keys")).max(MAX_AVOID, `avoid lists at most ${MAX_AVOID} keys`)),
});

export const progressQuerySchema = queueFiltersSchema.extend({
  /** Start of "today" in the reviewer's time zone; defaults to midnight UTC. */
  since: z.coerce.date({ error: "since must be a date (ISO 8601)" }).optional(),
});

export const createLabelSchema = z
  .strictObject({
    requestId: z.uuid({ error: "requestId must be a request id" }),
    verdict: z.enum(VERDICTS, { error: `verdict must be one of ${VERDICTS.join(", ")}` }),
    /** The tier that should have answered; required unless the verdict is "correct". */
    correctTier: z.string().trim().min(1).max(63).optional(),
    note: z.string().trim().max(2000, "Notes are at most 2,000 characters.").default(""),
    /** "Apply to all": requests identical to this one (same policy, tier and prompt) labeled alike, all or none. */
    identicalIds: z
      .array(z.uuid({ error: "identicalIds must list request ids" }))
      .max(MAX_IDENTICAL_IDS, `identicalIds lists at most ${MAX_IDENTICAL_IDS} ids`)
      .default([]),
  })
  .refine((v) => v.verdict === "correct" || !!v.correctTier, { path: ["correctTier"], message: "Pick the tier that should have answered." });

export type CreateLabelInput = z.input<typeof createLabelSchema>;

export const skipSchema = z.strictObject({ requestId: z.uuid({ error: "requestId must be a request id" }) });
