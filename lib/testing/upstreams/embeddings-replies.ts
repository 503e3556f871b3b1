// The test upstream's /v1/embeddings answers: one vector per input, its first component the input's
// index + 1 and the second its length in characters (so a test can tell which input got which
// vector), `dimensions` long (default 8); usage counts 2 tokens an input. encoding_format "base64"
// (what the openai client asks for by default) sends the float32 values little-endian in base64.
import { baseModel } from "./behavior";
import type { OpenAiRequestBody } from "./openai-replies";

export const TOKENS_PER_INPUT = 2;

export function embeddingsBody(body: OpenAiRequestBody): string {
  const raw = body.input as unknown;
  const inputs: unknown[] = typeof raw === "string" ? [raw] : Array.isArray(raw) && typeof raw[0] === "number" ? [raw] : (raw as unknown[]);
  const dimensions = typeof body.dimensions === "number" ? body.dimensions : 8;
  const data = inputs.map((input, index) => {
    const vector = Array.from({ length: dimensions }, (_, i) => (i === 0 ? index + 1 : i === 1 ? (input as string | number[]).length : 0.5));
    const embedding = body.encoding_format === "base64" ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
    return { object: "embedding", index, embedding };
  });
  const tokens = inputs.length * TOKENS_PER_INPUT;
  return JSON.stringify({ object: "list", data, model: baseModel(body.model ?? "test-embed"), usage: { prompt_tokens: tokens, total_tokens: tokens } });
}
