import { describe, expect, it } from "vitest";
import { faqTokens, matchFaq, tokenSetSimilarity } from "./match-faq";

describe("FAQ matching", () => {
  it("normalizes case, punctuation, filler words and plurals", () => {
    expect([...faqTokens("Hi! What are your Opening HOURS, please?")].sort()).toEqual(["hour", "open", "what"]);
  });

  it("computes Jaccard similarity", () => {
    expect(tokenSetSimilarity(new Set(["a", "b"]), new Set(["b", "c"]))).toBeCloseTo(1 / 3, 12);
    expect(tokenSetSimilarity(new Set(), new Set())).toBe(0);
  });

  it("returns the best phrasing at or above the threshold", () => {
    const phrasings = ["How do I reset my password?", "How do I reset my password on mobile?"].map((text) => ({ text, tokens: faqTokens(text) }));
    expect(matchFaq(faqTokens("reset password how"), phrasings, 0.7)).toEqual({ text: "How do I reset my password?", similarity: 1 });
    expect(matchFaq(faqTokens("reset password"), phrasings, 0.7)).toBeNull();
  });
});
