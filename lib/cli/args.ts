/**
 * Argument handling shared by every CLI command: strict flag parsing (node:util parseArgs),
 * usage errors (exit code 2) and value checks.
 */
import { parseArgs } from "node:util";

export class UsageError extends Error {}

type FlagSpec = Record<string, { type: "string" | "boolean" }>;

export function parseFlags<T extends FlagSpec>(args: string[], spec: T) {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Flags plus positional arguments (e.g. `config apply <file>`). */
export function parseCommand<T extends FlagSpec>(args: string[], spec: T) {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== "string" || value === "") throw new UsageError(`missing --${flag}`);
  return value;
}

export function parseTiers(value: string): string[] {
  const tiers = value.split(",").map((t) => t.trim());
  if (tiers.length < 2 || tiers.some((t) => t === "")) throw new UsageError("--tiers needs at least two comma-separated model names, cheapest first");
  if (new Set(tiers).size !== tiers.length) throw new UsageError("--tiers lists a model twice");
  return tiers;
}

export function parseNumber(value: string | boolean | undefined, flag: string, check: (n: number) => boolean, what: string): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  if (!Number.isFinite(n) || !check(n)) throw new UsageError(`--${flag} must be ${what}`);
  return n;
}

/** Runs a command body, mapping UsageError to exit code 2 with the usage text. */
export async function withUsage(usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${usage}\n`);
      return 2;
    }
    throw error;
  }
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `--since 7d` (minutes, hours or days; up to 400 days) → the range [now − it, now). */
export function parseSince(value: string | undefined, fallback = "7d", now = Date.now()): { from: Date; to: Date } {
  const text = value ?? fallback;
  const match = /^(\d+(?:\.\d+)?)([mhd])$/.exec(text.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : NaN;
  if (!(ms > 0) || ms > 400 * 86_400_000) throw new UsageError(`--since must be a duration like 30m, 24h or 7d (at most 400d), got "${text}"`);
  return { from: new Date(now - ms), to: new Date(now) };
}

