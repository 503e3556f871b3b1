/**
 * Intent data for `frontdesk intent` and scripts/train-intent.ts: the names "clinc150" and
 * "banking77" (the copies in data/intents/), a CLINC150-format JSON file, or a CSV file with
 * `text,category` columns (all of it is the train split and the test split).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseClincJson, parseDomains, parseIntentCsv, type IntentSplits } from "../classifier/intent/parse-intent-data";
import { UsageError } from "./args";

export const INTENT_DATA_DIR = path.resolve(import.meta.dirname, "..", "..", "data", "intents");

export type IntentData = IntentSplits & { name: string; domains?: Record<string, string> };

function read(file: string): string {
  if (!existsSync(file)) throw new UsageError(`cannot read ${file} (not found)`);
  return readFileSync(file, "utf8");
}

export function readIntentData(source: string): IntentData {
  try {
    if (source === "clinc150") {
      const dir = path.join(INTENT_DATA_DIR, "clinc150");
      return { name: source, ...parseClincJson(read(path.join(dir, "data_full.json"))), domains: parseDomains(read(path.join(dir, "domains.json"))) };
    }
    if (source === "banking77") {
      const dir = path.join(INTENT_DATA_DIR, "banking77");
      return { name: source, train: parseIntentCsv(read(path.join(dir, "train.csv"))), val: null, test: parseIntentCsv(read(path.join(dir, "test.csv"))) };
    }
    if (source.endsWith(".json")) return { name: source, ...parseClincJson(read(source)) };
    if (source.endsWith(".csv")) {
      const rows = parseIntentCsv(read(source));
      return { name: source, train: rows, val: null, test: rows };
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
  throw new UsageError(`--data must be clinc150, banking77, a CLINC150-format .json file or a text,category .csv file (got "${source}")`);
}
