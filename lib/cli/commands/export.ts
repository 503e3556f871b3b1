/**
 * frontdesk export [--from <date>] [--to <date>] [--policy <name>] [--out <file.jsonl>]
 * Logged traffic with its labels and escalation outcomes, in the outcomes JSONL format (the same
 * as GET /api/admin/datasets/export): stdout, or a file. The count goes to stderr.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { withCliDatabase } from "../cli-database";
import { parseCommand, UsageError } from "../args";

export const summary = "[--from <date>] [--to <date>] [--policy <p>] [--out <file>] — labeled traffic as outcomes JSONL";

const USAGE = "usage: frontdesk export [--from <date>] [--to <date>] [--policy <name>] [--out <file.jsonl>]";

function parseDate(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--${flag} must be a date (e.g. 2026-11-01 or an ISO time), got "${value}"`);
  return date;
}

export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseCommand(args, { from: { type: "string" }, to: { type: "string" }, policy: { type: "string" }, out: { type: "string" } });
    if (positionals.length) throw new UsageError(USAGE);
    const filters = { from: parseDate("from", values.from), to: parseDate("to", values.to), policy: values.policy };
    const { exportTraffic } = await import("../../datasets/export-traffic");
    const out = values.out ? createWriteStream(values.out) : process.stdout;
    let lines = 0;
    await withCliDatabase(async () => {
      for await (const line of exportTraffic(filters)) {
        lines++;
        if (!out.write(line)) await once(out, "drain");
      }
    });
    if (values.out) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((error?: Error | null) => (error ? reject(error) : resolve())));
    process.stderr.write(`exported ${lines} request(s)${values.out ? ` to ${values.out}` : ""}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`frontdesk export: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
