import { describe, expect, it } from "vitest";
import { checkRegex, MAX_REGEX_LENGTH } from "./check-regex";

describe("checkRegex", () => {
  it.each([
    "\\border\\s*#?\\d{6,}\\b",
    "(?i)refund|charge ?back",
    "(cat|car)*",
    "(ab){2}",
    "(?P<id>[A-Z]{2}\\d{4})",
    "\\\\1", // an escaped backslash followed by "1" is not a backreference
    "a\\++",
    "[(?=]",
  ])("accepts %s", (pattern) => {
    expect(checkRegex(pattern)).toMatchObject({ ok: true });
  });

  it.each([
    ["(a)\\1", /backreferences/],
    ["(?<x>a)\\k<x>", /backreferences/],
    ["foo(?=bar)", /lookahead/],
    ["(?!x)y", /lookahead/],
    ["(?<=x)y", /lookbehind/],
    ["(?<!x)y", /lookbehind/],
    ["(?>a+)b", /atomic groups/],
    ["a*+b", /possessive/],
  ])("refuses %s as unsupported by RE2", (pattern, message) => {
    const check = checkRegex(pattern);
    expect(check).toMatchObject({ ok: false, problem: "unsupported" });
    expect(!check.ok && check.message).toMatch(message);
  });

  it.each(["[a-", "a{1001}", "(", "*a"])("refuses the invalid syntax %s with RE2's description", (pattern) => {
    const check = checkRegex(pattern);
    expect(check).toMatchObject({ ok: false, problem: "syntax" });
    expect(!check.ok && check.message).toMatch(/^invalid regex: /);
  });

  it.each([
    ["(a+)+", /nested quantifier in "\(a\+\)\+"/],
    ["^(\\d+,?)*$", /nested quantifier/],
    ["x(?:ab+c)+", /nested quantifier in "\(\?:ab\+c\)\+"/],
    ["(a{1,5})*", /nested quantifier/],
    ["((a*))*", /nested quantifier/],
    ["(a|a)*", /"a" appears twice/],
    ["(A|a)+", /"a" appears twice/],
    ["(a|aa)*", /"aa" is "a" repeated/],
    ["(\\w|\\d)+", /\\w and \\d can match the same character/],
    ["(.|\\s)*", /can match the same character/],
    ["(x|)*", /empty string/],
  ])("refuses the catastrophic shape %s even though RE2 would run it", (pattern, message) => {
    const check = checkRegex(pattern);
    expect(check).toMatchObject({ ok: false, problem: "catastrophic" });
    expect(!check.ok && check.message).toMatch(message);
  });

  it("treats case as the rule does: (A|a)+ is fine when case-sensitive", () => {
    expect(checkRegex("(A|a)+", true)).toMatchObject({ ok: true });
  });

  it("warns about adjacent overlapping repetitions without refusing them", () => {
    const check = checkRegex("\\d+\\d*x");
    expect(check.ok).toBe(true);
    expect(check.ok && check.warnings).toEqual(['"\\d*" overlaps the repetition before it (polynomial backtracking in other engines)']);
  });

  it("bounds the pattern length", () => {
    expect(checkRegex("a".repeat(MAX_REGEX_LENGTH))).toMatchObject({ ok: true });
    expect(checkRegex("a".repeat(MAX_REGEX_LENGTH + 1))).toMatchObject({ ok: false, problem: "too-long" });
  });
});
