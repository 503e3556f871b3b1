/**
 * frontdesk eval --model <model.json> --data <file.jsonl> [--json] [--threshold T] [--tags k,..]
 *                [--baseline-train <train.jsonl>] [--epsilon E]
 * frontdesk eval --cv K --data <file.jsonl> --tiers <a>,<b>[,...] [--seed N] [--json] ...
 * Offline evaluation: APGR, CPT(50/80/95%), the operating point with misroutes, calibration,
 * baselines and per-tag breakdown. --cv runs K-fold cross-validation of training itself (and of
 * the TF-IDF + logistic regression baseline) instead of scoring a given model.
 */
import { predictTfidf, trainTfidfLogistic } from "../../classifier/baselines/tfidf-logistic";
import { crossValidate, toEvalRow } from "../../classifier/cross-validate";
import { deriveLabels } from "../../classifier/derive-labels";
import type { EvalRow } from "../../classifier/evaluate/eval-types";
import { evaluateRouter } from "../../classifier/evaluate/evaluate-router";
import { thresholdRule } from "../../classifier/evaluate/operating-point";
import { tierCostWeights } from "../../classifier/evaluate/tier-weights";
import { parseFlags, parseNumber, parseTiers, required, UsageError, withUsage } from "../args";
import { readClassifier } from "../classifier-artifact-file";
import { progressReporter, readOutcomes, unknownTiers } from "../classifier-data";
import { formatReport, type EvalOutput } from "../classifier-report";

export const summary = "evaluate a classifier (APGR, CPT, misroutes, calibration) or cross-validate training";

const USAGE = [
  "usage: frontdesk eval --model <model.json> --data <file.jsonl> [--json] [--threshold T] [--tags k1,k2] [--baseline-train <train.jsonl>] [--epsilon E]",
  "       frontdesk eval --cv <K> --data <file.jsonl> --tiers <modelA>,<modelB>[,...] [--seed N] [--calibration isotonic|platt] [--json] [--threshold T] [--tags k1,k2]",
].join("\n");

type Flags = ReturnType<typeof parseEvalFlags>;

function parseEvalFlags(args: string[]) {
  return parseFlags(args, {
    model: { type: "string" }, data: { type: "string" }, json: { type: "boolean" }, threshold: { type: "string" },
    tags: { type: "string" }, epsilon: { type: "string" }, cv: { type: "string" }, tiers: { type: "string" },
    seed: { type: "string" }, "baseline-train": { type: "string" }, calibration: { type: "string" }, quiet: { type: "boolean" },
  });
}

type Sample = { mode: string; tiers: string[]; model: string; ours: EvalRow[]; tfidf?: EvalRow[]; costs: number[][]; skipped: number };

function crossValidated(flags: Flags, data: string): Sample {
  const folds = parseNumber(flags.cv, "cv", (n) => Number.isInteger(n) && n >= 2 && n <= 20, "an integer from 2 to 20")!;
  if (flags.model) throw new UsageError("--cv trains its own models; leave out --model");
  const tiers = parseTiers(required(flags.tiers, "tiers"));
  const seed = parseNumber(flags.seed, "seed", (n) => Number.isInteger(n) && n >= 0, "a non-negative integer") ?? 1;
  const epsilon = parseNumber(flags.epsilon, "epsilon", (n) => n >= 0 && n <= 1, "a number in [0, 1]") ?? 0;
  const rows = readOutcomes(data);
  const missing = unknownTiers(rows, tiers);
  if (missing.length > 0) throw new UsageError(`no row has an outcome for ${missing.join(", ")}`);
  const calibration = flags.calibration ?? "isotonic";
  if (calibration !== "platt" && calibration !== "isotonic") throw new UsageError("--calibration must be isotonic or platt");
  const cv = crossValidate(rows, folds, { tiers, seed, epsilon, calibration, onProgress: progressReporter(flags.quiet === true) });
  const l2 = cv.l2PerFold.join("/");
  return { mode: `${folds}-fold cross-validation, seed ${seed}, l2 per fold ${l2}`, tiers, model: "cv", ours: cv.ours, tfidf: cv.tfidf, costs: cv.labeled.map((r) => r.costs), skipped: cv.skipped.length };
}

function scored(flags: Flags, data: string): Sample {
  const classifier = readClassifier(required(flags.model, "model"));
  const tiers = [...classifier.tiers];
  const epsilon = parseNumber(flags.epsilon, "epsilon", (n) => n >= 0 && n <= 1, "a number in [0, 1]") ?? classifier.labeling.epsilon;
  const { labeled, skipped } = deriveLabels(readOutcomes(data), tiers, epsilon);
  if (labeled.length === 0) throw new UsageError(`no row of ${data} has outcomes for all of ${tiers.join(", ")}`);
  const ours = labeled.map((r) => toEvalRow(r, classifier.predict(r.row.input)));
  let tfidf: EvalRow[] | undefined;
  if (typeof flags["baseline-train"] === "string") {
    const train = deriveLabels(readOutcomes(flags["baseline-train"]), tiers, epsilon).labeled;
    if (train.length < 2) throw new UsageError("--baseline-train has no rows with outcomes for the model's tiers");
    const baseline = trainTfidfLogistic(train, tiers.length);
    tfidf = labeled.map((r) => toEvalRow(r, predictTfidf(baseline, r.row.input)));
  }
  return { mode: "held-out", tiers, model: classifier.id, ours, tfidf, costs: labeled.map((r) => r.costs), skipped: skipped.length };
}

export async function run(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const flags = parseEvalFlags(args);
    const data = required(flags.data, "data");
    const threshold = parseNumber(flags.threshold, "threshold", (n) => n >= 0 && n <= 1, "a number in [0, 1]") ?? 0.5;
    const tagKeys = typeof flags.tags === "string" ? flags.tags.split(",").filter(Boolean) : undefined;
    const sample = flags.cv !== undefined ? crossValidated(flags, data) : scored(flags, data);
    const weights = tierCostWeights(sample.tiers.length, sample.costs);
    const options = { weights, rule: thresholdRule(threshold), ruleName: `threshold ${threshold}`, tagKeys };
    const output: EvalOutput = {
      data, mode: sample.mode, tiers: sample.tiers, model: sample.model, rows: sample.ours.length, skipped: sample.skipped,
      ours: evaluateRouter(sample.ours, options),
      tfidf: sample.tfidf ? evaluateRouter(sample.tfidf, { ...options, tagKeys: [] }) : undefined,
    };
    process.stdout.write(flags.json ? JSON.stringify(output, null, 1) + "\n" : formatReport(output));
    return 0;
  });
}
