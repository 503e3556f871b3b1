import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { syntheticIntents } from "../classifier/testing/synthetic-intents";
import { run } from "./commands/intent";

let dir = "";
const file = (name: string) => path.join(dir, name);

async function capture(fn: () => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await fn(), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const pairs = (rows: ReturnType<typeof syntheticIntents>, oos: boolean) => rows.filter((r) => (r.intent === "oos") === oos).map((r) => [r.text, r.intent]);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "frontdesk-intent-"));
  const [train, val, test] = [syntheticIntents(40, 1, 30), syntheticIntents(15, 2, 15), syntheticIntents(20, 3, 20)];
  const clinc = { train: pairs(train, false), oos_train: pairs(train, true), val: pairs(val, false), oos_val: pairs(val, true), test: pairs(test, false), oos_test: pairs(test, true) };
  writeFileSync(file("clinc.json"), JSON.stringify(clinc));
  writeFileSync(file("bank.csv"), ["text,category", ...syntheticIntents(30, 4).map((r) => `"${r.text}",${r.intent}`)].join("\n"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("frontdesk intent", () => {
  it("trains from CLINC150-format data and evaluates with out-of-scope recall and precision", async () => {
    const train = await capture(() => run(["train", "--data", file("clinc.json"), "--out", file("m.json"), "--seed", "3"]));
    expect(train.code).toBe(0);
    expect(train.stdout).toBe("");
    expect(train.stderr).toMatch(/wrote .*m\.json: .*4 classes, threshold [\d.]+/);
    const again = await capture(() => run(["train", "--data", file("clinc.json"), "--out", file("m2.json"), "--seed", "3", "--quiet"]));
    expect(again.stderr).not.toContain("fitting");
    expect(readFileSync(file("m2.json"), "utf8")).toBe(readFileSync(file("m.json"), "utf8"));

    const text = await capture(() => run(["eval", "--model", file("m.json"), "--data", file("clinc.json")]));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/in-scope accuracy +\d/);
    expect(text.stdout).toMatch(/oos recall +\d/);
    const json = await capture(() => run(["eval", "--model", file("m.json"), "--data", file("clinc.json"), "--json"]));
    const m = JSON.parse(json.stdout);
    expect(m).toMatchObject({ examples: 80, inScope: 60, outOfScope: 20 });
    expect(m.inScopeAccuracy).toBeGreaterThan(0.9);
    expect(m.oosRecall).toBeGreaterThan(0.8);
    expect(m.macroF1).toBeGreaterThan(0.8);
  });

  it("trains and evaluates from a text,category CSV (no out-of-scope class)", async () => {
    expect((await capture(() => run(["train", "--data", file("bank.csv"), "--out", file("b.json"), "--quiet"]))).code).toBe(0);
    const r = await capture(() => run(["eval", "--model", file("b.json"), "--data", file("bank.csv"), "--json"]));
    const m = JSON.parse(r.stdout);
    expect(m).toMatchObject({ outOfScope: 0, oosRecall: null, threshold: 0 });
    expect(m.accuracy).toBeGreaterThan(0.9);
  });

  it("answers usage errors with exit code 2", async () => {
    expect((await capture(() => run(["train", "--data", "nowhere.txt", "--out", file("x.json")]))).code).toBe(2);
    expect((await capture(() => run(["fit"]))).stderr).toContain('unknown subcommand "fit"');
    expect((await capture(() => run(["eval", "--data", "clinc150"]))).stderr).toContain("missing --model");
  });
});
