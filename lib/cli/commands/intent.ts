/**
 * frontdesk intent train --data <clinc150|banking77|file> --out <model.json> [--seed N] [--l2 X] [--quiet]
 * frontdesk intent eval --model <model.json> --data <clinc150|banking77|file> [--json]
 * The optional intent stage's model: trains from intent data (no database) and evaluates it on
 * the data's test split (accuracy, in-scope accuracy, macro-F1, out-of-scope recall/precision).
 */
import { writeFileSync } from "node:fs";
import { evaluateIntents } from "../../classifier/intent/evaluate-intent";
import { serializeIntentArtifact } from "../../classifier/intent/intent-artifact";
import { loadIntentModel } from "../../classifier/intent/load-intent-model";
import { trainIntentModel } from "../../classifier/intent/train-intent";
import { parseCommand, parseNumber, required, UsageError, withUsage } from "../args";
import { readJson } from "../classifier-data";
import { readIntentData } from "../intent-data";
import { formatIntentMetrics } from "../intent-report";

export const summary = "train or evaluate the intent model (CLINC150, Banking77 or your own data)";

const USAGE = [
  "usage: frontdesk intent train --data <clinc150|banking77|file.json|file.csv> --out <model.json> [--seed N] [--l2 X] [--quiet]",
  "       frontdesk intent eval --model <model.json> --data <clinc150|banking77|file.json|file.csv> [--json]",
].join("\n");

const FLAGS = {
  data: { type: "string" }, out: { type: "string" }, model: { type: "string" }, seed: { type: "string" },
  l2: { type: "string" }, json: { type: "boolean" }, quiet: { type: "boolean" },
} as const;

export async function run(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values: flags, positionals } = parseCommand(args, FLAGS);
    const [sub, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (sub === "train") return train(flags);
    if (sub === "eval") return evaluate(flags);
    throw new UsageError(sub ? `unknown subcommand "${sub}"` : "missing subcommand (train or eval)");
  });
}

type Flags = ReturnType<typeof parseCommand<typeof FLAGS>>["values"];

function train(flags: Flags): number {
  const out = required(flags.out, "out");
  const seed = parseNumber(flags.seed, "seed", (n) => Number.isInteger(n) && n >= 0, "a non-negative integer") ?? 1;
  const l2 = parseNumber(flags.l2, "l2", (n) => n > 0 && n < 1, "a number in (0, 1)");
  const data = readIntentData(required(flags.data, "data"));
  const progress = (line: string) => flags.quiet || process.stderr.write(`${line}\n`);
  const started = Date.now();
  progress(`${data.name}: ${data.train.length} training examples${data.val ? `, ${data.val.length} validation` : ""}`);
  const { artifact, validation } = trainIntentModel(data.train, data.val, { seed, l2, domains: data.domains, id: `${data.name.replace(/[^a-z0-9]+/gi, "-")}-s${seed}`, onProgress: progress });
  const text = serializeIntentArtifact(artifact);
  writeFileSync(out, text);
  const val = validation ? `; validation in-scope accuracy ${pct(validation.inScopeAccuracy)}` : "";
  process.stderr.write(`wrote ${out}: ${artifact.id}, ${artifact.classes.length} classes, threshold ${artifact.threshold}, ${(text.length / 1024).toFixed(0)} KiB${val}, ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

function evaluate(flags: Flags): number {
  const model = loadIntentModel(readJson(required(flags.model, "model"), "intent model"));
  const data = readIntentData(required(flags.data, "data"));
  if (data.test.length === 0) throw new UsageError(`${data.name} has no test examples`);
  const started = performance.now();
  const predictions = data.test.map((e) => model.predict(e.text));
  const micros = ((performance.now() - started) * 1000) / data.test.length;
  const metrics = evaluateIntents(data.test, predictions, model.oosLabel ?? undefined);
  const unknown = new Set(data.test.filter((e) => e.intent !== model.oosLabel && !model.intents.includes(e.intent)).map((e) => e.intent));
  if (unknown.size > 0) process.stderr.write(`${unknown.size} test intent(s) the model does not know, e.g. "${[...unknown][0]}"\n`);
  const output = { model: model.id, data: data.name, threshold: model.threshold, microsPerPrediction: Math.round(micros * 10) / 10, ...metrics };
  process.stdout.write(flags.json ? JSON.stringify(output, null, 1) + "\n" : formatIntentMetrics(output));
  return 0;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
