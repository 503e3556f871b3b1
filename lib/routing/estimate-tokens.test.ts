import { describe, expect, it } from "vitest";
import { codeSamples, joinedPrompts, realCounts, routingPrompts } from "../../scripts/calibrate-token-estimate";
import { countText, estimateFullPromptTokens, estimatePromptTokens, estimateTokens, MESSAGE_OVERHEAD_TOKENS, TOKEN_SAMPLE } from "./estimate-tokens";

// Prompts the weights were not fitted on (scripts/calibrate-token-estimate.ts fits on dcrouter-train and routeprofile's even rows).
const held = [...routingPrompts("dcrouter-test.jsonl"), ...routingPrompts("routeprofile.jsonl").filter((_, i) => i % 2 === 1)];

function check(texts: string[], estimate = estimatePromptTokens) {
  let inBand = 0, total = 0;
  const rel: number[] = [];
  for (const text of texts) {
    const e = estimate([text]);
    for (const real of realCounts(text)) {
      total++;
      if (real >= e.lo && real <= e.hi) inBand++;
      rel.push(Math.abs(e.tokens - real) / real);
    }
  }
  rel.sort((a, b) => a - b);
  return { inBand: inBand / total, median: rel[Math.floor(rel.length / 2)]!, p99: rel[Math.floor(0.99 * (rel.length - 1))]! };
}

describe("estimatePromptTokens", () => {
  it("holds the real cl100k / o200k count inside its band for ≥ 99.5% of held-out prompts, far closer than characters/4", () => {
    const r = check(held);
    expect(r.inBand).toBeGreaterThanOrEqual(0.995);
    expect(r.median).toBeLessThan(0.05);
    expect(r.p99).toBeLessThan(0.2);
    const quarter = held.map((t) => Math.abs(estimateTokens(t.length) + MESSAGE_OVERHEAD_TOKENS - realCounts(t)[0]!) / realCounts(t)[0]!).sort((a, b) => a - b);
    expect(quarter[Math.floor(0.99 * (quarter.length - 1))]!).toBeGreaterThan(2 * r.p99);
  });

  it("on long prompts (~500 and ~2,000 tokens) the band holds and the estimate lands within 10%", () => {
    for (const size of [500, 2_000]) {
      const r = check(joinedPrompts(held, size));
      expect(r.inBand).toBe(1);
      expect(r.p99).toBeLessThan(0.1);
    }
  });

  it("estimates long prompts from a sample whose wider band still holds, and the full pass narrows it", () => {
    const long = joinedPrompts(held, 2_000);
    expect(long.every((t) => t.length > TOKEN_SAMPLE.above && estimatePromptTokens([t]).sampled)).toBe(true);
    const full = check(long, estimateFullPromptTokens);
    expect(full.inBand).toBe(1);
    expect(full.p99).toBeLessThan(0.1);
    for (const t of long) {
      const [s, f] = [estimatePromptTokens([t]), estimateFullPromptTokens([t])];
      expect(f.sampled).toBe(false);
      expect(f.hi - f.lo).toBeLessThan(s.hi - s.lo);
    }
    // the same prompt split over many messages: the sample reads them as one stream
    const split = long[0]!.match(/[\s\S]{1,700}/g)!;
    const e = estimatePromptTokens(split);
    const real = realCounts(long[0]!)[0]! + MESSAGE_OVERHEAD_TOKENS * (split.length - 1);
    expect(e.sampled).toBe(true);
    expect(real).toBeGreaterThanOrEqual(e.lo);
    expect(real).toBeLessThanOrEqual(e.hi);
  });

  it("holds code and config (indentation, punctuation, camelCase) inside its wider band", () => {
    const code = codeSamples(1);
    expect(check(code, estimateFullPromptTokens).inBand).toBeGreaterThanOrEqual(0.99);
    expect(check(joinedPrompts(code, 2_000)).inBand).toBeGreaterThanOrEqual(0.99);
    const identifiers = Array.from({ length: 120 }, (_, i) => `  type BetaComputer${["Scroll", "Hold", "Key"][i % 3]}ToolUseBlock${i},`).join("\n");
    const e = estimateFullPromptTokens([identifiers]);
    for (const real of realCounts(identifiers)) {
      expect(real).toBeGreaterThanOrEqual(e.lo);
      expect(real).toBeLessThanOrEqual(e.hi);
    }
  });

  it("adds the chat format's overhead per message and never bands above the UTF-8 bytes", () => {
    const one = estimatePromptTokens(["Hello there, how are you?"]);
    const two = estimatePromptTokens(["Hello there, how are you?", ""]);
    expect(two.tokens - one.tokens).toBe(MESSAGE_OVERHEAD_TOKENS);
    const tiny = estimatePromptTokens(["hi"]);
    expect(tiny.hi).toBeLessThanOrEqual(2 + MESSAGE_OVERHEAD_TOKENS);
    expect(estimatePromptTokens([])).toEqual({ tokens: 0, lo: 0, hi: 0, sampled: false });
  });

  it("leaves text outside ASCII uncalibrated: one token per character, band from a quarter to its bytes", () => {
    const text = "東京の天気はどうですか"; // 11 characters, 33 bytes
    const e = estimatePromptTokens([text]);
    expect(e.tokens).toBe(11 + MESSAGE_OVERHEAD_TOKENS);
    expect(e.hi).toBe(33 + MESSAGE_OVERHEAD_TOKENS);
    expect(e.lo).toBeLessThanOrEqual(Math.ceil(11 / 4) + MESSAGE_OVERHEAD_TOKENS);
    for (const real of realCounts(text)) {
      expect(real).toBeGreaterThanOrEqual(e.lo);
      expect(real).toBeLessThanOrEqual(e.hi);
    }
    expect(countText("😀").nonAsciiBytes).toBe(4);
  });
});
