/**
 * The versioned JSON artifact of an intent model:
 *   { format: "frontdesk-intent", version: 1, id, featurizer, oosLabel, threshold,
 *     classes: [{ name, domain?, bias, weights }], training }
 * One class per intent (plus the out-of-scope class when trained with one); weights int16 with
 * one scale per class, the largest `maxWeights` kept, indices delta-varint, base64
 * (encode-weights.ts). Serialized with one class per line: same artifact, same bytes.
 */
import { z } from "zod";

export const INTENT_FORMAT = "frontdesk-intent";
export const INTENT_VERSION = 1;

const weightsSchema = z.object({ scale: z.number().positive(), count: z.number().int().nonnegative(), index: z.string(), value: z.string() });

export const intentClassSchema = z.object({ name: z.string().min(1), domain: z.string().min(1).optional(), bias: z.number(), weights: weightsSchema });

export const intentArtifactSchema = z
  .object({
    format: z.literal(INTENT_FORMAT),
    version: z.literal(INTENT_VERSION),
    id: z.string().min(1),
    featurizer: z.object({
      bits: z.number().int().min(8).max(20),
      charNgrams: z.tuple([z.number().int().min(1).max(7), z.number().int().min(1).max(7)]).nullable(),
      maxChars: z.number().int().min(16).max(100_000),
    }),
    /** the out-of-scope class's name, or null when the model was trained without one */
    oosLabel: z.string().min(1).nullable(),
    threshold: z.number().min(0).max(1),
    classes: z.array(intentClassSchema).min(2),
    training: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((a) => new Set(a.classes.map((c) => c.name)).size === a.classes.length, { message: "class names must be unique", path: ["classes"] })
  .refine((a) => a.oosLabel === null || a.classes.some((c) => c.name === a.oosLabel), { message: "oosLabel is not a class", path: ["oosLabel"] })
  .refine((a) => !a.featurizer.charNgrams || a.featurizer.charNgrams[0] <= a.featurizer.charNgrams[1], { message: "charNgrams must be [min, max]", path: ["featurizer", "charNgrams"] });

export type IntentArtifact = z.infer<typeof intentArtifactSchema>;

export function serializeIntentArtifact(artifact: IntentArtifact): string {
  const lines = Object.entries(artifact).map(([key, value]) => {
    if (key === "classes") return `  "classes": [\n${(value as unknown[]).map((c) => `    ${JSON.stringify(c)}`).join(",\n")}\n  ]`;
    return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  });
  return `{\n${lines.join(",\n")}\n}\n`;
}
