import { describe, expect, it } from "vitest";
import { estimatePromptTokens, MESSAGE_OVERHEAD_TOKENS } from "../routing/estimate-tokens";
import { toUsage } from "./answer";
import { countMessageTokens, countTokens, encodingFor } from "./count-tokens";

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

describe("usage the upstream did not report", () => {
  const request = { model: "frontdesk/auto", messages: [{ role: "user" as const, content: "東京の天気はどうですか。".repeat(20) }] };
  const answer = { content: "晴れです。".repeat(20), finishReason: "stop" as const };

  it("is counted with the tier's tokenizer when the model is known", () => {
    const counted = toUsage(null, request, answer, "gpt-4o");
    expect(counted).toEqual({
      promptTokens: countTokens(request.messages[0]!.content, "gpt-4o").tokens + 4,
      completionTokens: countTokens(answer.content, "gpt-4o").tokens,
      estimated: true,
    });
    // without a model: the engine's estimate (one token per character outside ASCII), not a count
    const estimated = toUsage(null, request, answer);
    expect(estimated.promptTokens).toBe(estimatePromptTokens([request.messages[0]!.content]).tokens);
    expect(estimated.promptTokens).not.toBe(counted.promptTokens);
    // reported usage always wins
    expect(toUsage({ prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 }, request, answer, "gpt-4o")).toEqual({ promptTokens: 7, completionTokens: 3 });
  });
});

describe("countMessageTokens", () => {
  it("counts each message with its tokenizer plus the chat format's overhead, the same whether remembered or not", () => {
    const long = "An agent's conversation grows by a step at a time. ".repeat(20);
    const texts = ["You are a helpful agent.", long, "What next?"];
    const expected = texts.reduce((n, t) => n + countTokens(t, "gpt-4o").tokens, 0) + 4 * texts.length;
    expect(countMessageTokens(texts, "gpt-4o")).toEqual({ tokens: expected, encoding: "o200k_base" });
    expect(countMessageTokens(texts, "gpt-4o")).toEqual({ tokens: expected, encoding: "o200k_base" }); // the long one from memory
    expect(countMessageTokens(texts, "llama-3.1-8b").encoding).toBe("cl100k_base");
  });
});

describe("special-token markers in a client's text", () => {
  it("are counted as plain text (the tokenizer would throw on them by default)", () => {
    for (const model of ["gpt-4", "gpt-4o"]) {
      const marked = countTokens("before <|endoftext|> after <|im_start|>", model).tokens;
      const plain = countTokens("before <|endoftext|> after <|im_start|>".replaceAll("|", "¦"), model).tokens;
      expect(marked).toBeGreaterThan(5); // "<|endoftext|>" as text is several tokens, not the one special token
      expect(Math.abs(marked - plain)).toBeLessThanOrEqual(4);
      expect(countMessageTokens(["x <|endoftext|>", "y"], model).tokens).toBeGreaterThan(2 * MESSAGE_OVERHEAD_TOKENS + 3);
    }
  });
});
