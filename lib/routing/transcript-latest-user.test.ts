import { describe, expect, it } from "vitest";
import { readRequestText } from "./request-text";
import { latestUserOfTranscript, parseTranscript } from "./transcript";

const slow = (prompt: string) => readRequestText(parseTranscript(prompt)).latestUser;

/** Seeded (mulberry32): the same transcripts every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ["user: ", "assistant: ", "system: ", "tool: ", "hello", "refund please", "\n", "\n\n", "\n\n\n", "[tool call lookup]", "[image] a cat", "user:", " ", "order #12345"];

describe("latestUserOfTranscript", () => {
  it("reads the latest user message of the transcripts the gateway writes", () => {
    expect(latestUserOfTranscript("system: be brief\n\nuser: hi\n\nassistant: hello\n\nuser: where is my parcel?")).toBe("where is my parcel?");
    expect(latestUserOfTranscript("user: first\n\nsecond paragraph\n\nassistant: ok")).toBe("first\n\nsecond paragraph");
    expect(latestUserOfTranscript("no role at all")).toBe("no role at all");
    expect(latestUserOfTranscript("system: only a system prompt")).toBe("");
    expect(latestUserOfTranscript("user: look\n[image] a receipt\nat this")).toBe("look\nat this");
    expect(latestUserOfTranscript("")).toBe("");
  });

  it("agrees with parseTranscript + readRequestText on 5,000 random transcripts (odd newline runs, notes, continuation blocks)", () => {
    const random = rng(21);
    for (let n = 0; n < 5000; n++) {
      const length = 1 + Math.floor(random() * 12);
      const prompt = Array.from({ length }, () => PIECES[Math.floor(random() * PIECES.length)]).join("");
      expect(latestUserOfTranscript(prompt), JSON.stringify(prompt)).toBe(slow(prompt));
    }
  });
});
