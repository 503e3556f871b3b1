/**
 * frontdesk train --data <file.jsonl> --tiers <cheapest>,...,<most capable> --out <model.json>
 *                 [--seed N] [--epsilon E] [--folds K] [--calibration isotonic|platt] [--quiet]
 * Trains a classifier from an outcomes file (no database, no server) and writes the artifact.
 */
import { writeFileSync } from "node:fs";
import { trainClassifier } from "../../classifier/train-classifier";
import { parseFlags, parseNumber, parseTiers, required, UsageError, withUsage } from "../args";
import { modelNames, progressReporter, readOutcomes, unknownTiers } from "../classifier-data";
import { serializeArtifact } from "../../classifier/serialize-artifact";

export const summary = "train a routing classifier from an outcomes JSONL file";

const USAGE =
  "usage: frontdesk train --data <file.jsonl> --tiers <modelA>,<modelB>[,...] --out <model.json> [--seed N] [--epsilon E] [--folds K] [--calibration isotonic|platt] [--quiet]";

export async function run(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const flags = parseFlags(args, {
      data: { type: "string" }, tiers: { type: "string" }, out: { type: "string" }, seed: { type: "string" },
      epsilon: { type: "string" }, folds: { type: "string" }, calibration: { type: "string" }, quiet: { type: "boolean" },
    });
    const data = required(flags.data, "data");
    const tiers = parseTiers(required(flags.tiers, "tiers"));
    const out = required(flags.out, "out");
    const seed = parseNumber(flags.seed, "seed", (n) => Number.isInteger(n) && n >= 0, "a non-negative integer") ?? 1;
    const epsilon = parseNumber(flags.epsilon, "epsilon", (n) => n >= 0 && n <= 1, "a number in [0, 1]") ?? 0;
    const folds = parseNumber(flags.folds, "folds", (n) => Number.isInteger(n) && n >= 2 && n <= 20, "an integer from 2 to 20") ?? 3;
    const calibration = flags.calibration ?? "isotonic";
    if (calibration !== "platt" && calibration !== "isotonic") throw new UsageError("--calibration must be isotonic or platt");
    const rows = readOutcomes(data);
    const missing = unknownTiers(rows, tiers);
    if (missing.length > 0) {
      throw new UsageError(`no row has an outcome for ${missing.join(", ")}; models in ${data}: ${modelNames(rows).join(", ")}`);
    }
    const started = Date.now();
    const { artifact, skipped } = trainClassifier(rows, { tiers, seed, epsilon, folds, calibration, onProgress: progressReporter(flags.quiet === true) });
    if (skipped.length > 0) process.stderr.write(`${skipped.length} row(s) skipped: missing outcomes for some tiers (e.g. line ${skipped[0].line}: ${skipped[0].reason})\n`);
    writeFileSync(out, serializeArtifact(artifact));
    const t = artifact.training as { rows: number; l2: number; cvApgr: number };
    process.stderr.write(
      `wrote ${out}: ${artifact.id}, ${t.rows} rows, l2 ${t.l2}, cross-validated APGR ${t.cvApgr}, ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return 0;
  });
}
