// Classifier benchmarks (prints numbers, asserts nothing), with the shipped default model:
// - one prediction on a ~2,000-token prompt, p50/p99; target p99 <= 200 us; the same for the
//   shipped intent model (lib/classifier/intent/default-intent-model.json, predictIntent);
// - scoring throughput (predict per row, and parse + predict + serialize like `frontdesk score`);
//   target >= 5,000 rows/s;
// - then training on 10,000 rows (data/ rows mapped to two tiers, duplicated to reach the
//   count); target <= 30 s. Latency is measured first, on a fresh heap.
//   npx tsx bench/classifier.bench.ts [--rows=10000] [--iterations=5000]
import { readFileSync } from "node:fs";
import path from "node:path";
import { contentFeatures } from "../lib/classifier/content-features";
import { loadIntentModel } from "../lib/classifier/intent/load-intent-model";
import { predictIntent } from "../lib/classifier/intent/predict-intent";
import { loadClassifier } from "../lib/classifier/load-classifier";
import { parseOutcomes } from "../lib/classifier/parse-outcomes";
import { trainClassifier } from "../lib/classifier/train-classifier";
import { longPrompts, percentile, twoTierRows } from "./classifier-fixtures";

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const ROWS = arg("rows", 10_000);
const ITERATIONS = arg("iterations", 5_000);

function timeTraining(rows: ReturnType<typeof twoTierRows>) {
  const started = performance.now();
  const { artifact } = trainClassifier(rows, { tiers: ["fast", "capable"], seed: 1 });
  const seconds = (performance.now() - started) / 1000;
  const size = JSON.stringify(artifact).length;
  console.log(`training on ${rows.length} rows: ${seconds.toFixed(1)} s (target <= 30 s); artifact ${(size / 1024).toFixed(0)} KiB, l2 ${(artifact.training as { l2: number }).l2}`);
}

function timeScoring(rows: ReturnType<typeof twoTierRows>, classifier: ReturnType<typeof loadClassifier>) {
  for (const r of rows.slice(0, 1000)) classifier.predict(r.input);
  let started = performance.now();
  for (const r of rows) classifier.predict(r.input);
  const predictRate = rows.length / ((performance.now() - started) / 1000);
  const jsonl = rows.map((r) => JSON.stringify({ id: r.id, prompt: r.input.messages[0].content, outcomes: r.outcomes })).join("\n");
  started = performance.now();
  const parsed = parseOutcomes(jsonl).rows;
  const out = parsed.map((r) => JSON.stringify({ id: r.id, p: classifier.predict(r.input) })).join("\n");
  const endToEnd = parsed.length / ((performance.now() - started) / 1000);
  console.log(`scoring: ${predictRate.toFixed(0)} rows/s predict only; ${endToEnd.toFixed(0)} rows/s parse + predict + serialize (target >= 5,000 rows/s; ${out.length} bytes out)`);
}

function timeLongPrompt(rows: ReturnType<typeof twoTierRows>, classifier: ReturnType<typeof loadClassifier>) {
  const prompts = longPrompts(rows, 2000, 64).map((p) => JSON.parse(JSON.stringify(p)) as string);
  const report = (name: string, fn: (text: string) => unknown) => {
    for (let i = 0; i < 1000; i++) fn(prompts[i % prompts.length]);
    const micros: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const t = performance.now();
      fn(prompts[i % prompts.length]);
      micros.push((performance.now() - t) * 1000);
    }
    micros.sort((a, b) => a - b);
    console.log(`${name} on a 2,000-token prompt (${prompts[0].length} chars): p50 ${percentile(micros, 0.5).toFixed(0)} us, p99 ${percentile(micros, 0.99).toFixed(0)} us`);
  };
  report("content features", (text) => contentFeatures({ messages: [{ role: "user", content: text }] }));
  report("trained predict (target p99 <= 200 us)", (text) => classifier.predict({ messages: [{ role: "user", content: text }] }));
  report("intent predict (target p99 <= 200 us)", (text) => predictIntent(intentModel, text));
}

const rows = twoTierRows(ROWS);
const model = path.join(import.meta.dirname, "..", "lib", "classifier", "default-model.json");
const classifier = loadClassifier(JSON.parse(readFileSync(model, "utf8")));
const intentFile = path.join(import.meta.dirname, "..", "lib", "classifier", "intent", "default-intent-model.json");
const intentModel = loadIntentModel(JSON.parse(readFileSync(intentFile, "utf8")));
timeLongPrompt(rows, classifier);
timeScoring(rows, classifier);
timeTraining(rows);
