/**
 * The tier catalog as the console edits it: list, create, change, reorder, delete, and test a
 * tier's connection. Every value is validated with lib/routing's tierSchema; every change runs in
 * the config transaction with an audit entry (before/after, never the secret) and a reload
 * notice to every gateway. The API key and options.headers are write-only (tier-secrets.ts):
 * stored encrypted, replaced or removed, never returned; a change of the base URL drops them
 * unless the same change enters them again.
 */
import { recordAudit, type Actor } from "../db/audit-repo";
import { notifyConfigChanged } from "../db/config-repo";
import {
  deleteTierRow,
  findTierRow,
  insertTierRow,
  listTierRows,
  policiesUsingTier,
  policyNamesByTier,
  readStoredSecrets,
  readTierSecret,
  saveTierSecrets,
  NO_SECRETS,
  setTierRanks,
  updateTierRow,
} from "../db/tier-repo";
import type { DbClient } from "../db/user-repo";
import { AppError } from "../http/app-error";
import { testConnection } from "../providers/index";
import { resolveReplay } from "../providers/replay-datasets";
import { tierSchema, type TierConfig } from "../routing/config-schema";
import { auditAction, inChangeTransaction, type ChangeOptions } from "./change-options";
import { tierFromRow, tierToRow } from "./config-from-rows";
import type { TierPatch } from "./config-schemas";
import { fieldIssues, friendlyErrors } from "./form-errors";
import type { ConnectionTestResult, TierView } from "./tier-view";
import { keptDeployments, nextSecrets, splitSecrets, touchesSecrets } from "./tier-secrets";
import { movesUpstream } from "./upstream-moved";

type TierRow = NonNullable<Awaited<ReturnType<typeof findTierRow>>>;

function headerHints(row: TierRow): Record<string, string> {
  return (row.credential?.headerHints ?? {}) as Record<string, string>;
}

function deploymentKeyHints(row: TierRow): Record<string, string> {
  return (row.credential?.deploymentKeyHints ?? {}) as Record<string, string>;
}

function view(row: TierRow, usedBy: string[]): TierView {
  const { apiKey: _secret, ...config } = tierFromRow(row);
  return { ...config, rank: row.rank, credentialHint: row.credential?.hint || null, headerHints: headerHints(row), deploymentKeyHints: deploymentKeyHints(row), usedBy };
}

/** What the audit log keeps of a tier: its config and the hints of its secrets, never a secret. */
function auditView(row: TierRow) {
  const { apiKey: _secret, ...config } = tierFromRow(row);
  return { ...config, rank: row.rank, credential: row.credential?.hint || null, headers: headerHints(row), deploymentKeys: deploymentKeyHints(row) };
}

function parseTier(input: unknown): TierConfig {
  const parsed = tierSchema.safeParse(input, { error: friendlyErrors });
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    throw new AppError("bad_request", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
  }
  return parsed.data;
}

async function requireTier(name: string, client?: DbClient): Promise<TierRow> {
  const row = await findTierRow(name, client);
  if (!row) throw new AppError("not_found", `No tier named "${name}".`);
  return row;
}

async function changed(actor: Actor, own: string, name: string, before: unknown, after: unknown, tx: DbClient, opts: ChangeOptions) {
  const audit = auditAction(opts, own);
  const { id } = await recordAudit(actor, { ...audit, targetType: "tier", targetId: name, before, after }, tx);
  await notifyConfigChanged(tx, audit.action);
  return id.toString();
}

/** The tier as its audit entries record it (null when there is none): what a revert compares. */
export async function tierAuditState(name: string, client: DbClient) {
  const row = await findTierRow(name, client);
  return row ? auditView(row) : null;
}

/** Every tier's name by rank, as tier.reorder records it. */
export async function tierOrder(client: DbClient) {
  return (await listTierRows(client)).map((r) => r.name);
}

export async function listTiers(): Promise<TierView[]> {
  const [rows, usedBy] = await Promise.all([listTierRows(), policyNamesByTier()]);
  return rows.map((row) => view(row, usedBy.get(row.id) ?? []));
}

/** The new tier, and the audit entry (Undo deletes it again). */
export async function createTier(actor: Actor, input: unknown, opts: ChangeOptions = {}): Promise<TierView & { auditId: string }> {
  const tier = parseTier(input);
  return inChangeTransaction(opts, async (tx) => {
    if (await findTierRow(tier.name, tx)) {
      throw new AppError("conflict", `A tier named "${tier.name}" already exists.`, { issues: [{ path: "name", message: "This name is taken." }] });
    }
    const { tier: config, secrets } = splitSecrets(tier);
    const created = await insertTierRow(tier.name, tierToRow(config), tx);
    if (touchesSecrets(secrets)) await saveTierSecrets(created.id, tier.name, nextSecrets(NO_SECRETS, secrets, false), tx);
    const row = await requireTier(tier.name, tx);
    const auditId = await changed(actor, "tier.create", tier.name, undefined, auditView(row), tx, opts);
    return { ...view(row, []), auditId };
  });
}

/** The tier as it is now, and the audit entry the change wrote (what the console's Undo reverts). */
export async function updateTier(actor: Actor, name: string, patch: TierPatch, opts: ChangeOptions = {}): Promise<TierView & { auditId: string }> {
  return inChangeTransaction(opts, async (tx) => {
    const before = await requireTier(name, tx);
    const { apiKey, baseUrl, capabilities, ...rest } = patch;
    const { apiKey: _none, ...current } = tierFromRow(before);
    const merged = {
      ...current,
      ...rest,
      ...(baseUrl !== undefined ? { baseUrl: baseUrl ?? undefined } : {}),
      ...(capabilities !== undefined ? { capabilities: { ...current.capabilities, ...capabilities } } : {}),
    };
    const { tier, secrets } = splitSecrets(parseTier(merged), apiKey);
    if (tier.kind === "embeddings" && before.kind !== "embeddings") {
      const users = await policiesUsingTier(before.id, tx);
      if (users.length) {
        const message = `Policies route chat requests only: remove tier "${name}" from ${users.map((p) => `"${p}"`).join(", ")} before making it an embeddings tier.`;
        throw new AppError("bad_request", message, { issues: [{ path: "kind", message }] });
      }
    }
    await updateTierRow(before.id, tierToRow(tier), tx);
    // Secrets go only to the address they were entered for: moving the tier drops them.
    const moved = movesUpstream(before.baseUrl, tier.baseUrl);
    const deployments = keptDeployments(current.deployments, tier.deployments);
    if (touchesSecrets(secrets) || ((moved || deployments.changed) && before.credential)) {
      const stored = before.credential ? await readStoredSecrets(before.id, tx) : NO_SECRETS;
      await saveTierSecrets(before.id, name, nextSecrets(stored, secrets, moved, deployments.kept), tx);
    }
    const after = await requireTier(name, tx);
    const action = patch.enabled !== undefined && Object.keys(patch).length === 1 ? (patch.enabled ? "tier.enable" : "tier.disable") : "tier.update";
    const auditId = await changed(actor, action, name, auditView(before), auditView(after), tx, opts);
    return { ...view(after, await policiesUsingTier(after.id, tx)), auditId };
  });
}

/** Refused (409) while a policy lists the tier or a rule sends requests to it. Returns the audit entry (Undo restores the tier, without its secrets). */
export async function deleteTier(actor: Actor, name: string, opts: ChangeOptions = {}): Promise<{ auditId: string }> {
  return inChangeTransaction(opts, async (tx) => {
    const row = await requireTier(name, tx);
    const users = await policiesUsingTier(row.id, tx);
    if (users.length) {
      const list = users.map((p) => `"${p}"`).join(", ");
      throw new AppError("conflict", `Tier "${name}" is used by ${users.length === 1 ? "policy" : "policies"} ${list}. Remove it from ${users.length === 1 ? "that policy" : "those policies"} first, or disable it instead.`);
    }
    await deleteTierRow(row.id, row.credential?.id ?? null, tx);
    return { auditId: await changed(actor, "tier.delete", name, auditView(row), undefined, tx, opts) };
  });
}

/** `order` must name every tier exactly once; ranks become 0, 1, 2, … in that order. Returns the tiers and the audit entry (for Undo). */
export async function reorderTiers(actor: Actor, order: readonly string[], opts: ChangeOptions = {}): Promise<{ tiers: TierView[]; auditId: string }> {
  const auditId = await inChangeTransaction(opts, async (tx) => {
    const rows = await listTierRows(tx);
    const names = rows.map((r) => r.name);
    const missing = names.filter((n) => !order.includes(n));
    const unknown = order.filter((n) => !names.includes(n));
    const twice = order.filter((n, i) => order.indexOf(n) !== i);
    if (missing.length || unknown.length || twice.length) {
      const parts = [
        missing.length ? `missing ${missing.join(", ")}` : "",
        unknown.length ? `unknown ${unknown.join(", ")}` : "",
        twice.length ? `listed twice ${twice.join(", ")}` : "",
      ].filter(Boolean);
      throw new AppError("bad_request", `The order must list every tier exactly once (${parts.join("; ")}).`, { issues: [{ path: "order", message: parts.join("; ") }] });
    }
    await setTierRanks(order, tx);
    const audit = auditAction(opts, "tier.reorder");
    const { id } = await recordAudit(actor, { ...audit, targetType: "tier", targetId: null, before: { order: names }, after: { order } }, tx);
    await notifyConfigChanged(tx, audit.action);
    return id.toString();
  });
  return { tiers: opts.tx ? [] : await listTiers(), auditId };
}

/**
 * Calls the saved tier's upstream (the model list, or a tiny simulated call) with its stored key.
 * Changes nothing, so no reload notice; audited because it makes the server call out.
 */
export async function testTierConnection(actor: Actor, name: string): Promise<ConnectionTestResult> {
  const row = await requireTier(name);
  const tier = tierFromRow(row);
  const warnings: string[] = [];
  const secrets = await readTierSecret(name);
  const options = tier.provider === "simulated" ? resolveReplay(tier.options, (m) => warnings.push(m)) : { ...tier.options, headers: secrets.headers };
  // a tier of deployments only is tested at its first one, with that one's key
  const first = tier.baseUrl ? undefined : tier.deployments[0];
  const result = await testConnection({
    name: tier.name,
    provider: tier.provider,
    baseUrl: tier.baseUrl ?? first?.baseUrl,
    model: first?.model ?? tier.model,
    apiKey: (first ? secrets.deploymentKeys[first.name] : secrets.apiKey) ?? undefined,
    timeoutMs: tier.timeoutMs,
    options,
  });
  const out = { ...result, latencyMs: Math.round(result.latencyMs * 10) / 10, message: [result.message, ...warnings].join("; ") };
  await recordAudit(actor, { action: "tier.test_connection", targetType: "tier", targetId: name, after: out });
  return out;
}
