import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { goldenCases } from "./testing/decide-golden-cases";

// decide()'s output, pinned: JSON.stringify of each case's decision (trace included) must stay
// byte for byte what it was when decide-golden.json was written. To pin a deliberate change of
// output, write the file again: DECIDE_GOLDEN_WRITE=1 npx vitest run --project unit lib/routing/decide-golden.test.ts
const FILE = new URL("./testing/decide-golden.json", import.meta.url);
const cases = goldenCases();
const actual = Object.fromEntries(cases.map((c) => [c.name, JSON.stringify(c.run())]));

if (process.env.DECIDE_GOLDEN_WRITE === "1") writeFileSync(FILE, `${JSON.stringify(actual, null, 1)}\n`);
const golden: Record<string, string> = existsSync(FILE) ? JSON.parse(readFileSync(FILE, "utf8")) : {};

describe("decide: golden outputs", () => {
  it("has one pinned output per case, and no case twice", () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(Object.keys(golden).sort()).toEqual(Object.keys(actual).sort());
  });

  it.each(cases.map((c) => c.name))("%s", (name) => {
    expect(actual[name]).toBe(golden[name]);
  });

  it("is deterministic: a second run of every case gives the same output", () => {
    for (const c of cases) expect(JSON.stringify(c.run())).toBe(actual[c.name]);
  });
});
