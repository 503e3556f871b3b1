/**
 * Database access for CLI commands: DATABASE_URL, or the embedded database in the data folder
 * (shared with a running `npm start`, or started for the command). Migrates first.
 */
import { migrate } from "../db/migrate.ts";
import { withDatabase } from "../db/with-database.ts";
import { resetEnvCache } from "../env.ts";

export async function withCliDatabase<T>(fn: () => Promise<T>): Promise<T> {
  return withDatabase(async (url) => {
    process.env.DATABASE_URL = url;
    resetEnvCache();
    await migrate(url);
    const { disconnectDb } = await import("../db/prisma.ts");
    try {
      return await fn();
    } finally {
      await disconnectDb();
    }
  });
}

/** `--name value` and `--flag` parsing: returns values by flag and the positional rest. */
export function parseFlags(args: string[], spec: { values: string[]; booleans?: string[] }) {
  const values: Record<string, string> = {};
  const booleans = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [flag, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (spec.booleans?.includes(flag)) booleans.add(flag);
    else if (spec.values.includes(flag)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${flag} needs a value`);
      values[flag] = value;
    } else throw new UsageError(`unknown option --${flag}`);
  }
  return { values, booleans, positional };
}

export class UsageError extends Error {}
