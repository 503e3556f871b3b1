import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticIntents } from "../classifier/testing/synthetic-intents";
import { captureOutput } from "../testing/capture-output";
import { run } from "./commands/intent";

let dir = "";
const file = (name: string) => path.join(dir, name);

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
    const train = await captureOutput(() => run(["train", "--data", file("clinc.json"), "--out", file("m.json"), "--seed", "3"]));
    expect(train.code).toBe(0);
    expect(train.stdout).toBe("");
    expect(train.stderr).toMatch(/wrote .*m\.json: .*4 classes, threshold [\d.]+/);
    const again = await captureOutput(() => run(["train", "--data", file("clinc.json"), "--out", file("m2.json"), "--seed", "3", "--quiet"]));
    expect(again.stderr).not.toContain("fitting");
    expect(readFileSync(file("m2.json"), "utf8")).toBe(readFileSync(file("m.json"), "utf8"));

    const text = await captureOutput(() => run(["eval", "--model", file("m.json"), "--data", file("clinc.json")]));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/in-scope accuracy +\d/);
    expect(text.stdout).toMatch(/oos recall +\d/);
    const json = await captureOutput(() => run(["eval", "--model", file("m.json"), "--data", file("clinc.json"), "--json"]));
    const m = JSON.parse(json.stdout);
    expect(m).toMatchObject({ examples: 80, inScope: 60, outOfScope: 20 });
    expect(m.inScopeAccuracy).toBeGreaterThan(0.9);
    expect(m.oosRecall).toBeGreaterThan(0.8);
    expect(m.macroF1).toBeGreaterThan(0.8);
  });

  it("trains and evaluates from a text,category CSV (no out-of-scope class)", async () => {
    expect((await captureOutput(() => run(["train", "--data", file("bank.csv"), "--out", file("b.json"), "--quiet"]))).code).toBe(0);
    const r = await captureOutput(() => run(["eval", "--model", file("b.json"), "--data", file("bank.csv"), "--json"]));
    const m = JSON.parse(r.stdout);
    expect(m).toMatchObject({ outOfScope: 0, oosRecall: null, threshold: 0 });
    expect(m.accuracy).toBeGreaterThan(0.9);
  });

  it("answers usage errors with exit code 2", async () => {
    expect((await captureOutput(() => run(["train", "--data", "nowhere.txt", "--out", file("x.json")]))).code).toBe(2);
    expect((await captureOutput(() => run(["fit"]))).stderr).toContain('unknown subcommand "fit"');
    expect((await captureOutput(() => run(["eval", "--data", "clinc150"]))).stderr).toContain("missing --model");
  });
});
