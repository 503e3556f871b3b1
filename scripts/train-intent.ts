/**
 * Trains the intent model shipped with Frontdesk (lib/classifier/intent/default-intent-model.json)
 * from data/intents/clinc150, deterministically (same data → same bytes):
 * train + oos_train are fitted, the out-of-scope threshold is picked on val + oos_val, and the
 * test split (test + oos_test) is reported.
 *   npm run train:intent [-- --out <file>] [-- --check]
 * --check trains and compares with the existing file instead of writing it (exit 1 if different).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { evaluateIntents } from "../lib/classifier/intent/evaluate-intent";
import { serializeIntentArtifact } from "../lib/classifier/intent/intent-artifact";
import { loadIntentModel } from "../lib/classifier/intent/load-intent-model";
import type { IntentSplits } from "../lib/classifier/intent/parse-intent-data";
import { trainIntentModel, type IntentTrainOptions } from "../lib/classifier/intent/train-intent";
import { readIntentData } from "../lib/cli/intent-data";

export const DEFAULT_INTENT_SEED = 1;
export const DEFAULT_INTENT_ID = "clinc150-v1";

/** Trains and serializes the default intent model from the splits. */
export function trainDefaultIntent(data: IntentSplits & { domains?: Record<string, string> }, options: Partial<IntentTrainOptions> = {}): string {
  const { artifact } = trainIntentModel(data.train, data.val, { id: DEFAULT_INTENT_ID, seed: DEFAULT_INTENT_SEED, domains: data.domains, ...options });
  return serializeIntentArtifact(artifact);
}

function main(): number {
  const root = path.resolve(import.meta.dirname, "..");
  const args = process.argv.slice(2);
  const outArg = args.indexOf("--out");
  const out = outArg >= 0 ? path.resolve(args[outArg + 1]!) : path.join(root, "lib/classifier/intent/default-intent-model.json");
  const started = Date.now();
  const data = readIntentData("clinc150");
  const text = trainDefaultIntent(data, { onProgress: (line) => process.stderr.write(`${line}\n`) });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const model = loadIntentModel(JSON.parse(text));
  const m = evaluateIntents(data.test, data.test.map((e) => model.predict(e.text)));
  const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)}%`);
  process.stdout.write(
    `CLINC150 test (${m.inScope} in scope + ${m.outOfScope} out of scope), threshold ${model.threshold}: in-scope accuracy ${pct(m.inScopeAccuracy)}, ` +
      `accuracy ${pct(m.accuracy)}, macro-F1 ${pct(m.macroF1)}, oos recall ${pct(m.oosRecall)}, oos precision ${pct(m.oosPrecision)}\n`,
  );
  if (args.includes("--check")) {
    const same = readFileSync(out, "utf8") === text;
    process.stderr.write(same ? `${out} is up to date\n` : `${out} differs from a fresh training run\n`);
    return same ? 0 : 1;
  }
  writeFileSync(out, text);
  process.stderr.write(`wrote ${out} (${(text.length / 1024).toFixed(0)} KiB) in ${seconds} s\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) process.exitCode = main();
