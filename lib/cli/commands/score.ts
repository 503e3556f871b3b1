/**
 * frontdesk score --model <model.json> --data <file.jsonl>
 * stdout: one JSON object per input row, {"id": "...", "p": [p1, ..., p(N-1)]}, in input order;
 * p[k-1] = P(the request needs a tier of index >= k). Bad lines go to stderr, nothing else.
 */
import { parseFlags, required, withUsage } from "../args";
import { readClassifier } from "../classifier-artifact-file";
import { readOutcomes } from "../classifier-data";

export const summary = "score requests with a trained classifier (JSON lines on stdout)";

const USAGE = "usage: frontdesk score --model <model.json> --data <file.jsonl>";

function round(x: number): number {
  return Number(x.toPrecision(6));
}

export async function run(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const flags = parseFlags(args, { model: { type: "string" }, data: { type: "string" } });
    const classifier = readClassifier(required(flags.model, "model"));
    // only the requests matter here: lines with missing or odd outcomes are scored too
    const rows = readOutcomes(required(flags.data, "data"), { requestsOnly: true });
    const chunk: string[] = [];
    for (const row of rows) {
      chunk.push(JSON.stringify({ id: row.id, p: classifier.predict(row.input).map(round) }));
      if (chunk.length >= 1000) {
        process.stdout.write(chunk.join("\n") + "\n");
        chunk.length = 0;
      }
    }
    if (chunk.length > 0) process.stdout.write(chunk.join("\n") + "\n");
    return 0;
  });
}
