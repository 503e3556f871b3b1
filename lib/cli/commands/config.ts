/**
 * frontdesk config apply <file.json> [--prune]   make tiers/policies match the file
 * frontdesk config export                        print the current config as JSON (no secrets)
 */
import { readFileSync } from "node:fs";
import { SYSTEM_ACTOR } from "../../db/audit-repo";
import { AppError } from "../../http/app-error";
import { withCliDatabase } from "../cli-database";
import { parseCommand, UsageError } from "../args";

/** The CLI runs with the database URL in hand: it is trusted like the database itself. */
const CLI_CAN = () => true;

export const summary = "apply <file.json> [--prune] | export — routing config as code";

const USAGE = "usage: frontdesk config apply <file.json> [--prune]\n       frontdesk config export";

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === "export") {
      if (parseCommand(rest, {}).positionals.length) throw new UsageError(USAGE);
      const { exportConfig } = await import("../../config/apply-config");
      const config = await withCliDatabase(exportConfig);
      process.stdout.write(JSON.stringify(config, null, 2) + "\n");
      return 0;
    }
    if (sub === "apply") {
      const { positionals, values } = parseCommand(rest, { prune: { type: "boolean" } });
      if (positionals.length !== 1) throw new UsageError(USAGE);
      const input = readJsonFile(positionals[0]!);
      const { applyConfig } = await import("../../config/apply-config");
      const result = await withCliDatabase(() => applyConfig(input, { prune: values.prune === true, actor: { ...SYSTEM_ACTOR, email: "cli" }, can: CLI_CAN }));
      const line = (kind: string, r: { created: string[]; updated: string[]; deleted: string[] }) =>
        `${kind}: ${r.created.length} created, ${r.updated.length} updated, ${r.deleted.length} deleted`;
      process.stderr.write(`${line("tiers", result.tiers)}\n${line("policies", result.policies)}\ndefault policy: ${result.defaultPolicy ?? "none"}\n`);
      return 0;
    }
    throw new UsageError(USAGE);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`frontdesk config: ${error.message}\n`);
      return 2;
    }
    if (error instanceof AppError && error.issues) {
      process.stderr.write(`frontdesk config: the file was refused, nothing changed. ${error.issues.length} problem(s):\n`);
      for (const issue of error.issues) process.stderr.write(`  ${issue.path}: ${issue.message}\n`);
      return 1;
    }
    throw error;
  }
}
