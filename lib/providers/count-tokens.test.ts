import { describe, expect, it } from "vitest";
import { countTokens, encodingFor } from "./count-tokens";

describe("real token counts", () => {
  it("picks the encoding by model family", () => {
    expect(["gpt-4o-mini", "openai/gpt-4.1", "o3-mini", "gpt-5"].map(encodingFor)).toEqual(["o200k_base", "o200k_base", "o200k_base", "o200k_base"]);
    expect(["gpt-4", "gpt-3.5-turbo", "text-embedding-3-small", "llama-3.3-70b-instruct", "claude-sonnet-4"].map(encodingFor)).toEqual(Array(5).fill("cl100k_base"));
  });

  it("counts what the characters-per-token estimate gets wrong", () => {
    expect(countTokens("hello world", "gpt-4")).toEqual({ tokens: 2, encoding: "cl100k_base" });
    // Japanese: about a token per character, four times the estimate
    const text = "東京の天気はどうですか。明日は雨が降りますか。".repeat(10);
    expect(countTokens(text, "gpt-4o").tokens).toBeGreaterThan(text.length / 2);
  });
});
