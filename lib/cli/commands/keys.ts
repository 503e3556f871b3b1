/**
 * frontdesk keys create --name <name> [--policy <policy>] [--budget <usd>] [--over-budget reject|downgrade] [--rate-limit <requests per minute>]
 *   prints the new key alone on stdout (it is shown once; only its hash is stored)
 * frontdesk keys list
 * frontdesk keys revoke <id|prefix>
 */
import { SYSTEM_ACTOR } from "../../db/audit-repo";
import { AppError } from "../../http/app-error";
import { withCliDatabase } from "../cli-database";
import { parseCommand, parseNumber, UsageError } from "../args";

export const summary = "create --name <name> [--policy <p>] [--budget <usd>] [--rate-limit <rpm>] | list | revoke <id|prefix> — gateway API keys";

const USAGE =
  "usage: frontdesk keys create --name <name> [--policy <policy>] [--budget <usd>] [--over-budget reject|downgrade]\n" +
  "                             [--rate-limit <requests per minute>]\n" +
  "       frontdesk keys list\n       frontdesk keys revoke <id|prefix>";
const ACTOR = { ...SYSTEM_ACTOR, email: "cli" };

async function create(rest: string[]) {
  const { values, positionals } = parseCommand(rest, { name: { type: "string" }, policy: { type: "string" }, budget: { type: "string" }, "over-budget": { type: "string" }, "rate-limit": { type: "string" } });
  if (positionals.length || !values.name) throw new UsageError(USAGE);
  const budget = values.budget === undefined ? null : Number(values["budget"]);
  if (budget !== null && !(budget > 0)) throw new UsageError("--budget must be a positive number of USD per month");
  const overBudget = values["over-budget"] ?? "reject";
  if (overBudget !== "reject" && overBudget !== "downgrade") throw new UsageError("--over-budget must be reject or downgrade");
  const rateLimit = parseNumber(values["rate-limit"], "rate-limit", (n) => Number.isInteger(n) && n >= 1 && n <= 100_000, "a whole number of requests per minute from 1 to 100000") ?? null;
  const { createApiKey } = await import("../../auth/manage-api-keys");
  const { key, apiKey } = await withCliDatabase(() =>
    createApiKey(ACTOR, { name: values.name!, policy: values.policy ?? null, monthlyBudgetUsd: budget, overBudget, rateLimitPerMinute: rateLimit }),
  );
  process.stdout.write(key + "\n");
  process.stderr.write(`created key "${apiKey.name}" (${apiKey.prefix}…) for policy ${apiKey.policy?.name ?? "default"}; it is not shown again\n`);
}

async function list() {
  const { listApiKeys } = await import("../../db/api-key-repo");
  const { items } = await withCliDatabase(() => listApiKeys({ page: 1, pageSize: 1000, includeRevoked: true }));
  for (const k of items) {
    const budget = k.monthlyBudgetUsd === null ? "no budget" : `$${k.monthlyBudgetUsd}/month (${k.overBudget})`;
    const rate = k.rateLimitPerMinute === null ? "no rate limit" : `${k.rateLimitPerMinute}/min`;
    process.stdout.write(`${k.id}  ${k.prefix}…  ${k.name}  policy=${k.policy?.name ?? "default"}  ${budget}  ${rate}${k.revokedAt ? "  REVOKED" : ""}\n`);
  }
}

async function revoke(rest: string[]) {
  const { positionals } = parseCommand(rest, {});
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const ref = positionals[0]!;
  const { listApiKeys } = await import("../../db/api-key-repo");
  const { updateApiKey } = await import("../../auth/manage-api-keys");
  await withCliDatabase(async () => {
    const { items } = await listApiKeys({ page: 1, pageSize: 10_000, includeRevoked: false });
    const matches = items.filter((k) => k.id === ref || k.prefix === ref || k.prefix.startsWith(ref));
    if (matches.length !== 1) throw new UsageError(matches.length ? `"${ref}" matches ${matches.length} keys; give more of it` : `no active key "${ref}"`);
    await updateApiKey(ACTOR, matches[0]!.id, { revoked: true });
    process.stderr.write(`revoked ${matches[0]!.prefix}… (${matches[0]!.name})\n`);
  });
}

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === "create") await create(rest);
    else if (sub === "list") await list();
    else if (sub === "revoke") await revoke(rest);
    else throw new UsageError(USAGE);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof AppError) {
      process.stderr.write(`frontdesk keys: ${error.message}\n`);
      return error instanceof UsageError ? 2 : 1;
    }
    throw error;
  }
}
