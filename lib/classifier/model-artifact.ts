/**
 * The versioned JSON artifact of a trained classifier:
 *   { format: "frontdesk-classifier", version: 1, id, tiers: [cheapest, ..., most capable],
 *     labeling, featurizer, heads: [{ bias, weights, calibration }] (N-1 heads), training }
 * Head k (1-based) gives P(needs tier >= k) = calibration(w_k . x + bias_k); the loader
 * enforces p non-increasing. Validated with zod on load.
 */
import { z } from "zod";

export const ARTIFACT_FORMAT = "frontdesk-classifier";
export const ARTIFACT_VERSION = 1;

const calibrationSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("platt"), a: z.number(), b: z.number() }),
  z.object({ method: z.literal("isotonic"), x: z.array(z.number()).min(1), y: z.array(z.number().min(0).max(1)).min(1) }),
]);

const weightsSchema = z.object({
  scale: z.number().positive(),
  count: z.number().int().nonnegative(),
  index: z.string(),
  value: z.string(),
});

const headSchema = z.object({ bias: z.number(), weights: weightsSchema, calibration: calibrationSchema });

export const featurizerSchema = z.object({
  bits: z.number().int().min(8).max(24),
  wordNgrams: z.number().int().min(1).max(2),
  charNgrams: z.tuple([z.number().int().min(1).max(8), z.number().int().min(1).max(8)]).nullable(),
  charWindow: z.number().int().nonnegative(),
  /** names of the content features, in order ([] when not used) */
  content: z.array(z.string()),
});

export const artifactSchema = z
  .object({
    format: z.literal(ARTIFACT_FORMAT),
    version: z.literal(ARTIFACT_VERSION),
    id: z.string().min(1),
    tiers: z.array(z.string().min(1)).min(2),
    labeling: z.object({ epsilon: z.number().nonnegative(), target: z.enum(["gain", "label"]) }),
    featurizer: featurizerSchema,
    heads: z.array(headSchema).min(1),
    training: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((a) => a.heads.length === a.tiers.length - 1, { message: "needs one head per tier above the cheapest", path: ["heads"] })
  .refine((a) => !a.featurizer.charNgrams || a.featurizer.charNgrams[0] <= a.featurizer.charNgrams[1], { message: "charNgrams must be [min, max]", path: ["featurizer", "charNgrams"] });

export type ClassifierArtifact = z.infer<typeof artifactSchema>;
export type ArtifactHead = ClassifierArtifact["heads"][number];
