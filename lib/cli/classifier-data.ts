/**
 * File input for the classifier commands: outcome datasets (bad lines reported on stderr with
 * their line numbers, the rest used), model artifacts, and progress lines on stderr.
 */
import { readFileSync } from "node:fs";
import { parseOutcomes, type OutcomeRow, type ParseOptions } from "../classifier/parse-outcomes";
import { UsageError } from "./args";

const MAX_REPORTED = 20;

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} ${path}${code ? ` (${code})` : ""}`);
  }
}

/** Reads an outcomes JSONL file; reports bad lines on stderr and returns the good rows. */
export function readOutcomes(path: string, options: ParseOptions = {}): OutcomeRow[] {
  const { rows, errors } = parseOutcomes(readText(path, "data file"), options);
  for (const e of errors.slice(0, MAX_REPORTED)) process.stderr.write(`${path}:${e.line}: ${e.reason}\n`);
  if (errors.length > MAX_REPORTED) process.stderr.write(`${path}: ... and ${errors.length - MAX_REPORTED} more bad lines\n`);
  if (errors.length > 0) process.stderr.write(`${path}: ${errors.length} bad line(s) skipped, ${rows.length} used\n`);
  return rows;
}

export function readJson(path: string, what: string): unknown {
  const text = readText(path, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Tiers that no row has an outcome for (a likely typo in --tiers). */
export function unknownTiers(rows: readonly OutcomeRow[], tiers: readonly string[]): string[] {
  return tiers.filter((t) => !rows.some((r) => r.outcomes[t] !== undefined));
}

export function modelNames(rows: readonly OutcomeRow[]): string[] {
  const names = new Set<string>();
  for (const r of rows.slice(0, 1000)) for (const k of Object.keys(r.outcomes)) names.add(k);
  return [...names].sort();
}

/** A progress callback that writes at most about one line per second to stderr. */
export function progressReporter(quiet = false): (phase: string, done: number, total: number) => void {
  let last = 0;
  let lastPhase = "";
  return (phase, done, total) => {
    if (quiet) return;
    const now = Date.now();
    if (phase === lastPhase && now - last < 1000 && done < total) return;
    last = now;
    lastPhase = phase;
    process.stderr.write(`${phase}: ${done}/${total}\n`);
  };
}
