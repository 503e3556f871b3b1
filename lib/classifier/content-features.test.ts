import { describe, expect, it } from "vitest";
import { CONTENT_FEATURE_NAMES, contentFeatures, contentFeatureVector, textContentFeatures } from "./content-features";

describe("contentFeatures", () => {
  it("counts the shape of a text", () => {
    const f = textContentFeatures("Hello there. How are you? What is 2+2?\nThanks!");
    expect(f.words).toBe(10);
    expect(f.lines).toBe(2);
    expect(f.sentences).toBe(4);
    expect(f.questions).toBe(2);
    expect(f.subQuestions).toBe(1);
    expect(f.smallTalk).toBe(1);
  });

  it("finds list items, enumerated sub-questions and code fences", () => {
    const text = "Please answer:\n1. What is a closure?\n2) Why use one?\n- bonus: give examples\n```js\nconst f = () => 1;\n```";
    const f = textContentFeatures(text);
    expect(f.listItems).toBe(3);
    expect(f.questions).toBe(2);
    expect(f.subQuestions).toBe(1 + 2);
    expect(f.codeBlocks).toBe(1);
    expect(f.codeWords).toBeGreaterThanOrEqual(1);
    expect(f.listAsk).toBe(1);
    expect(f.codeSymbolRate).toBeGreaterThan(0);
  });

  it("matches one-, two- and three-word marker phrases case-insensitively", () => {
    const f = textContentFeatures("Compare X VERSUS Y: pros and cons? Explain step by step, Walk me through it.");
    expect(f.compareAsk).toBe(3);
    expect(f.explainAsk).toBe(2);
    expect(f.reasoningAsk).toBe(1);
  });

  it("sees complaints, urgency and math", () => {
    const f = textContentFeatures("I was charged twice and want a refund immediately!! Solve $x^2 = 4$ and compute \\frac{1}{2}.");
    expect(f.complaint).toBe(2);
    expect(f.urgency).toBe(2);
    expect(f.mathWords).toBe(3); // solve, compute, frac
    expect(f.latex).toBe(3);
    expect(f.mathSymbolRate).toBeGreaterThan(0);
  });

  it("reads the last user turn and the conversation's depth", () => {
    const f = contentFeatures({
      messages: [
        { role: "system", content: "You are helpful." },
        { role: "user", content: "first question?" },
        { role: "assistant", content: "an answer" },
        { role: "user", content: "and a follow-up" },
      ],
    });
    expect(f.userTurns).toBe(2);
    expect(f.assistantTurns).toBe(1);
    expect(f.systemChars).toBe(16);
    expect(f.questions).toBe(0);
    expect(f.words).toBe(4); // "follow-up" is two words
  });

  it("handles empty input", () => {
    const f = contentFeatures({ messages: [] });
    expect(f.words).toBe(0);
    expect(f.sentences).toBe(0);
    expect(contentFeatureVector(f).every(Number.isFinite)).toBe(true);
  });

  it("has one named entry per dense feature", () => {
    const v = contentFeatureVector(textContentFeatures("Explain the proof in detail, please."));
    expect(v).toHaveLength(CONTENT_FEATURE_NAMES.length);
    expect(v.every(Number.isFinite)).toBe(true);
  });
});
