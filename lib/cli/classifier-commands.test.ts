import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticOutcomes, toJsonl } from "../classifier/testing/synthetic-outcomes";
import { captureOutput } from "../testing/capture-output";
import { run as evalRun } from "./commands/eval";
import { run as scoreRun } from "./commands/score";
import { run as trainRun } from "./commands/train";

let dir = "";
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "frontdesk-classifier-"));
  writeFileSync(file("train.jsonl"), toJsonl(syntheticOutcomes(90, ["small", "large"], 1)));
  const test = toJsonl(syntheticOutcomes(12, ["small", "large"], 2)).replace(/"id":"syn-/g, '"id":"t-').split("\n");
  test.splice(3, 0, "{broken", '{"id":"t-0","prompt":"dup","outcomes":{}}');
  test.push('{"id":"u-1","messages":[{"role":"user","content":"unlabeled request"}],"outcomes":{"small":{"score":7}}}');
  writeFileSync(file("test.jsonl"), test.join("\n"));
  const r = await captureOutput(() => trainRun(["--data", file("train.jsonl"), "--tiers", "small,large", "--out", file("model.json"), "--seed", "4", "--quiet"]));
  expect(r.code).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("frontdesk train", () => {
  it("writes a loadable artifact and reports on stderr only", () => {
    const artifact = JSON.parse(readFileSync(file("model.json"), "utf8"));
    expect(artifact).toMatchObject({ format: "frontdesk-classifier", version: 1, tiers: ["small", "large"] });
  });

  it.each([
    [["--data", "x.jsonl"], /missing --tiers/],
    [["--data", "x.jsonl", "--tiers", "a", "--out", "m.json"], /at least two/],
    [["--bogus"], /Unknown option/],
    [["--data", "/nonexistent.jsonl", "--tiers", "a,b", "--out", "m.json"], /cannot read/],
    [["--data", "TRAIN", "--tiers", "small,huge", "--out", "m.json"], /no row has an outcome for huge; models in .*: large, small/],
    [["--data", "TRAIN", "--tiers", "small,large", "--out", "m.json", "--seed", "1.5"], /--seed must be/],
  ])("exits 2 on bad arguments %j", async (args, message) => {
    const r = await captureOutput(() => trainRun(args.map((a) => (a === "TRAIN" ? file("train.jsonl") : a))));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });
});

describe("frontdesk score", () => {
  it("prints one {id, p} object per good input line, in order; bad lines go to stderr", async () => {
    const r = await captureOutput(() => scoreRun(["--model", file("model.json"), "--data", file("test.jsonl")]));
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual([...Array.from({ length: 12 }, (_, i) => `t-${i}`), "u-1"]);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(["id", "p"]);
      expect(l.p).toHaveLength(1);
      expect(l.p[0]).toBeGreaterThan(0);
      expect(l.p[0]).toBeLessThan(1);
    }
    expect(r.stderr).toMatch(/test\.jsonl:4: invalid JSON/);
    expect(r.stderr).toMatch(/test\.jsonl:5: duplicate id "t-0"/);
  });

  it("exits 2 on a bad model file", async () => {
    writeFileSync(file("bad.json"), JSON.stringify({ format: "other" }));
    const r = await captureOutput(() => scoreRun(["--model", file("bad.json"), "--data", file("test.jsonl")]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid classifier artifact/);
    expect(r.stdout).toBe("");
  });
});

describe("frontdesk eval", () => {
  it("reports the metrics as JSON and as a table", async () => {
    const json = await captureOutput(() => evalRun(["--model", file("model.json"), "--data", file("test.jsonl"), "--json", "--baseline-train", file("train.jsonl")]));
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.rows).toBe(12);
    expect(json.stderr).toMatch(/test\.jsonl:16: outcomes\.small\.score/);
    expect(report.ours.summary.apgr).toBeGreaterThan(0.5);
    expect(report.ours.baselines.random.apgr).toBe(0.5);
    expect(report.tfidf.summary).toHaveProperty("cpt50");
    expect(report.ours.perTag.task.map((t: { value: string }) => t.value)).toEqual(["easy", "hard"]);
    const table = await captureOutput(() => evalRun(["--model", file("model.json"), "--data", file("test.jsonl")]));
    expect(table.stdout).toMatch(/APGR/);
    expect(table.stdout).toMatch(/quality errors/);
  });

  it("cross-validates training with --cv", async () => {
    const r = await captureOutput(() => evalRun(["--cv", "2", "--data", file("train.jsonl"), "--tiers", "small,large", "--json", "--quiet"]));
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.rows).toBe(90);
    expect(report.ours.summary.apgr).toBeGreaterThan(0.6);
    const bad = await captureOutput(() => evalRun(["--cv", "2", "--model", file("model.json"), "--data", file("train.jsonl"), "--tiers", "small,large"]));
    expect(bad.code).toBe(2);
  });
});
