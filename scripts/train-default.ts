/**
 * Trains the default classifier shipped with Frontdesk (lib/classifier/default-model.json)
 * from data in the repository, deterministically (same data -> same bytes).
 *   npx tsx scripts/train-default.ts [--out <file>] [--check]
 * --check trains and compares with the existing file instead of writing it (exit 1 if different).
 *
 * Data and tier mapping: a two-tier model, tiers "fast" -> "capable", from
 * - data/routing/dcrouter-train.jsonl: fast = gemma-2-9b-it, capable = llama-3.3-nemotron-super-49b-v1
 * - data/routing/routeprofile.jsonl:   fast = llama-3.2-3b-instruct, capable = llama-3.3-70b-instruct
 * i.e. "does this request need a ~50-70B model rather than a 3-9B one?". dcrouter-test.jsonl is
 * held out (the reported numbers are measured on it). Policies with three or more tiers need a
 * classifier trained for their tier count (`frontdesk train`); until then the built-in scorer.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseOutcomes, type OutcomeRow } from "../lib/classifier/parse-outcomes";
import { serializeArtifact } from "../lib/classifier/serialize-artifact";
import { trainClassifier, type TrainOptions } from "../lib/classifier/train-classifier";

export type DefaultSource = { file: string; fast: string; capable: string };

export const DEFAULT_TIERS = ["fast", "capable"];
export const DEFAULT_SEED = 20261128;
export const DEFAULT_SOURCES: DefaultSource[] = [
  { file: "data/routing/dcrouter-train.jsonl", fast: "gemma-2-9b-it", capable: "llama-3.3-nemotron-super-49b-v1" },
  { file: "data/routing/routeprofile.jsonl", fast: "llama-3.2-3b-instruct", capable: "llama-3.3-70b-instruct" },
];

/** Rows of every source with their two models renamed to the default tiers. */
export function defaultRows(sources: ReadonlyArray<{ text: string; fast: string; capable: string }>): OutcomeRow[] {
  const rows: OutcomeRow[] = [];
  for (const s of sources) {
    for (const r of parseOutcomes(s.text).rows) {
      const fast = r.outcomes[s.fast];
      const capable = r.outcomes[s.capable];
      if (fast && capable) rows.push({ ...r, outcomes: { fast, capable } });
    }
  }
  return rows;
}

/** Trains and serializes the default model from the sources' texts. */
export function trainDefault(sources: ReadonlyArray<{ text: string; fast: string; capable: string }>, options: Partial<TrainOptions> = {}): string {
  const { artifact } = trainClassifier(defaultRows(sources), { tiers: DEFAULT_TIERS, seed: DEFAULT_SEED, id: "default-v1", ...options });
  return serializeArtifact(artifact);
}

function main(): number {
  const root = path.resolve(import.meta.dirname, "..");
  const args = process.argv.slice(2);
  const outArg = args.indexOf("--out");
  const out = outArg >= 0 ? path.resolve(args[outArg + 1]) : path.join(root, "lib/classifier/default-model.json");
  const started = Date.now();
  const text = trainDefault(
    DEFAULT_SOURCES.map((s) => ({ ...s, text: readFileSync(path.join(root, s.file), "utf8") })),
    { onProgress: (phase, done, total) => done === total && process.stderr.write(`${phase} done\n`) },
  );
  if (args.includes("--check")) {
    const same = readFileSync(out, "utf8") === text;
    process.stderr.write(same ? `${out} is up to date\n` : `${out} differs from a fresh training run\n`);
    return same ? 0 : 1;
  }
  writeFileSync(out, text);
  process.stderr.write(`wrote ${out} (${(text.length / 1024).toFixed(0)} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) process.exitCode = main();
