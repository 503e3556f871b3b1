import { describe, expect, it } from "vitest";
import { assessAnswer } from "./assess-answer";

const settings = { minConfidence: 0.5, noLogprobsConfidence: 0.7 };
const kinds = (a: ReturnType<typeof assessAnswer>) => a.signals.map((s) => s.kind);

describe("assessAnswer", () => {
  it("maps mean token logprob to the geometric-mean token probability", () => {
    const a = assessAnswer({ content: "Paris.", finishReason: "stop", logprobs: [-0.1, -0.3] }, settings, true);
    expect(a.confidence).toBeCloseTo(Math.exp(-0.2), 12);
    expect(a.escalate).toBe(false);
    expect(a.signals[0]).toMatchObject({ kind: "logprob", meanLogprob: -0.2 });
  });

  it("escalates a low-probability answer only when a next tier exists", () => {
    const answer = { content: "Maybe 42.", finishReason: "stop", logprobs: [-2, -1.5] };
    expect(assessAnswer(answer, settings, true).escalate).toBe(true);
    expect(assessAnswer(answer, settings, false).escalate).toBe(false);
  });

  it("uses the policy's prior without logprobs, and tolerates -Infinity and NaN", () => {
    expect(assessAnswer({ content: "ok" }, settings, true)).toMatchObject({ confidence: 0.7, escalate: false });
    expect(assessAnswer({ content: "ok", logprobs: [Number.NaN] }, settings, true).confidence).toBe(0.7);
    const inf = assessAnswer({ content: "ok", logprobs: [-Infinity, 0] }, settings, true);
    expect(inf.confidence).toBeCloseTo(Math.exp(-50), 20);
  });

  it("scores an empty answer 0", () => {
    const a = assessAnswer({ content: "  \n", finishReason: "stop", logprobs: [-0.01] }, settings, true);
    expect(a).toMatchObject({ confidence: 0, escalate: true });
    expect(kinds(a)).toContain("empty");
  });

  it("penalizes a truncated answer (finish_reason length)", () => {
    const a = assessAnswer({ content: "The answer is", finishReason: "length" }, settings, true);
    expect(a.confidence).toBeCloseTo(0.28, 12);
    expect(kinds(a)).toEqual(["no-logprobs", "truncated"]);
    expect(a.escalate).toBe(true);
  });

  it("caps refusals, including curly apostrophes", () => {
    const a = assessAnswer({ content: "Sorry, I can\u2019t help with that request.", logprobs: [-0.01] }, settings, true);
    expect(a.confidence).toBe(0.2);
    expect(a.signals).toContainEqual({ kind: "refusal", phrase: "i can't help" });
  });

  it("scales hedged answers", () => {
    const a = assessAnswer({ content: "As an AI, I'm not sure, but it may be 7." }, settings, true);
    expect(a.confidence).toBeCloseTo(0.42, 12);
    expect(a.signals).toContainEqual({ kind: "hedging", phrase: "i'm not sure" });
  });

  it("ignores hedging phrases deep inside a long answer", () => {
    const content = `${"Here is a detailed, confident answer. ".repeat(20)}Some say "I don't know" but we do.`;
    expect(kinds(assessAnswer({ content }, settings, true))).toEqual(["no-logprobs"]);
  });

  it("caps content-filtered answers", () => {
    expect(assessAnswer({ content: "x", finishReason: "content_filter", logprobs: [0] }, settings, true).confidence).toBe(0.2);
  });
});
