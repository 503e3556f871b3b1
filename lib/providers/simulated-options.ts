// The simulated provider's options (a tier's `options` when provider is "simulated"), zod-validated
// once per options object.
import { z } from "zod";
import { ProviderError } from "./provider-error";
import { outcomeRowSchema } from "./simulated-replay";
import type { ProviderTarget } from "./types";

const latencySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fixed"), ms: z.number().min(0) }),
  z.object({ kind: z.literal("lognormal"), medianMs: z.number().positive(), p95Ms: z.number().positive() })
    .refine((l) => l.p95Ms >= l.medianMs, { message: "p95Ms must be ≥ medianMs", path: ["p95Ms"] }),
]);

export const DEFAULT_CANNED_ANSWER =
  "Thanks for your question. This is a simulated answer from Frontdesk's demo provider: no model was called.";

export const simulatedOptionsSchema = z.object({
  /** Whole-answer latency (default lognormal, median 400 ms, p95 1.2 s). */
  latency: latencySchema.default({ kind: "lognormal", medianMs: 400, p95Ms: 1200 }),
  /** Streaming: share of the latency spent before the first token. */
  firstTokenShare: z.number().min(0).max(1).default(0.3),
  /** Share of requests that fail with `errorStatus` (after the first-token delay). */
  errorRate: z.number().min(0).max(1).default(0),
  errorStatus: z.number().int().min(400).max(599).default(503),
  /** Completion length of canned answers (uniform in [min, max] tokens). */
  completionTokens: z.object({ min: z.number().int().min(1), max: z.number().int().min(1) })
    .refine((r) => r.max >= r.min, { message: "max must be ≥ min", path: ["max"] })
    .default({ min: 20, max: 60 }),
  confidence: z.object({
    /** Confidence level (0..1) of answers without a recorded score. */
    level: z.number().min(0).max(1).default(0.85),
    highLogprob: z.number().max(0).default(-0.05),
    lowLogprob: z.number().max(0).default(-2.5),
    jitter: z.number().min(0).max(1).default(0.3),
  }).default({ level: 0.85, highLogprob: -0.05, lowLogprob: -2.5, jitter: 0.3 }),
  cannedAnswer: z.string().min(1).default(DEFAULT_CANNED_ANSWER),
  /** Recorded outcomes to replay: a prompt found there gets `model`'s (default: the tier's model) response. */
  replay: z.object({ rows: z.array(outcomeRowSchema), model: z.string().optional() }).optional(),
});

export type SimulatedOptions = z.infer<typeof simulatedOptionsSchema>;
export type SimulatedOptionsInput = z.input<typeof simulatedOptionsSchema>;

const parsed = new WeakMap<object, SimulatedOptions>();
const EMPTY = {};

export function simulatedOptions(target: ProviderTarget): SimulatedOptions {
  const raw = target.options ?? EMPTY;
  let options = parsed.get(raw);
  if (!options) {
    const result = simulatedOptionsSchema.safeParse(raw);
    if (!result.success) {
      throw new ProviderError({ kind: "invalid_response", retryable: false, message: `invalid simulated options for tier ${target.name}: ${z.prettifyError(result.error)}` });
    }
    options = result.data;
    parsed.set(raw, options);
  }
  return options;
}
