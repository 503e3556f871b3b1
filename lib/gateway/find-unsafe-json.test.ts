import { describe, expect, it } from "vitest";
import { findUnsafeJson, MAX_JSON_DEPTH, mayHoldSurrogates } from "./find-unsafe-json";

const check = (text: string) => findUnsafeJson(JSON.parse(text), mayHoldSurrogates(text));

describe("findUnsafeJson", () => {
  it("passes ordinary bodies, escaped surrogate pairs and literal backslashes", () => {
    expect(check('{"model":"a","messages":[{"role":"user","content":"hi \\ud83d\\ude42"}],"x":{"proto":1,"Constructor":2}}')).toBeNull();
    expect(check('{"content":"a literal \\\\ud800 is text, not a surrogate"}')).toBeNull();
    expect(check('{"content":"constructor","c":"__proto__"}')).toBeNull(); // as values they are harmless
  });

  it("finds __proto__ and constructor keys at any depth, escaped or not, with their path", () => {
    expect(check('{"a":[1,{"b":{"__proto__":{}}}]}')).toEqual({ problem: "forbidden-key", key: "__proto__", path: ["a", 1, "b", "__proto__"] });
    expect(check('{"\\u0063onstructor":1}')).toEqual({ problem: "forbidden-key", key: "constructor", path: ["constructor"] });
  });

  it("finds unpaired surrogates in strings and keys", () => {
    expect(check('{"m":["ok","a\\udc00"]}')).toEqual({ problem: "lone-surrogate", path: ["m", 1] });
    expect(check('{"m":{"\\uD800":1}}')).toEqual({ problem: "lone-surrogate", path: ["m", "\ud800"] });
    expect(check('{"m":"\\udc00\\ud800"}')?.problem).toBe("lone-surrogate");
  });

  it("refuses nesting past the limit without overflowing the stack", () => {
    const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
    expect(check(deep(MAX_JSON_DEPTH))).toBeNull();
    expect(check(deep(MAX_JSON_DEPTH + 1))?.problem).toBe("too-deep");
    expect(check(`{"x":${deep(100_000)}}`)?.problem).toBe("too-deep");
  });
});
