/**
 * frontdesk import --name <name> <file.jsonl>
 * Imports an outcomes dataset into the database (for retraining jobs). Bad lines are reported on
 * stderr with their line numbers; the good ones are imported, all in one transaction.
 */
import { readFileSync } from "node:fs";
import { SYSTEM_ACTOR } from "../../db/audit-repo";
import { AppError } from "../../http/app-error";
import { withCliDatabase } from "../cli-database";
import { parseCommand, UsageError } from "../args";

export const summary = "--name <name> <file.jsonl> — import an outcomes dataset for retraining";

export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals: positional } = parseCommand(args, { name: { type: "string" } });
    if (positional.length !== 1 || !values.name) throw new UsageError("usage: frontdesk import --name <name> <file.jsonl>");
    let text: string;
    try {
      text = readFileSync(positional[0]!, "utf8");
    } catch (error) {
      throw new UsageError(`cannot read ${positional[0]}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const { importDataset } = await import("../../datasets/import-dataset");
    const result = await withCliDatabase(() => importDataset({ ...SYSTEM_ACTOR, email: "cli" }, { name: values.name!, text, source: `cli:${positional[0]}` }));
    for (const e of result.errors) process.stderr.write(`line ${e.line}: ${e.reason}\n`);
    process.stderr.write(`imported ${result.imported} rows into "${result.dataset.name}" (${result.dataset.id}); ${result.rejected} line(s) rejected; models: ${result.dataset.models.join(", ")}\n`);
    process.stdout.write(result.dataset.id + "\n");
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`frontdesk import: ${error.message}\n`);
      return 2;
    }
    if (error instanceof AppError) {
      process.stderr.write(`frontdesk import: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
