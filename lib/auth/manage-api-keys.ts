/**
 * Creating, changing and revoking gateway API keys. The key is returned once, at creation.
 * Every change is audited and tells the gateways to reload their key table.
 */
import { findApiKey, findPolicyIdByName, insertApiKey, listApiKeys, monthToDateSpend, updateApiKeyRow, type ApiKeyRow } from "../db/api-key-repo";
import { recordAudit, type Actor } from "../db/audit-repo";
import { notifyConfigChanged } from "../db/config-repo";
import { inTransaction, type DbClient } from "../db/user-repo";
import { AppError } from "../http/app-error";
import { monthStart } from "../routing/check-budget";
import { createApiKeySchema, type CreateApiKeyInput, type UpdateApiKeyInput } from "./api-key-schemas";
import { apiKeyPrefix, generateApiKey, hashApiKey } from "./api-key-token";

function view(k: ApiKeyRow) {
  return { name: k.name, prefix: k.prefix, policy: k.policy?.name ?? null, monthlyBudgetUsd: k.monthlyBudgetUsd, overBudget: k.overBudget, rateLimitPerMinute: k.rateLimitPerMinute, revoked: !!k.revokedAt };
}

async function policyId(name: string | null | undefined, tx: DbClient): Promise<string | null | undefined> {
  if (name === undefined) return undefined;
  if (name === null) return null;
  const policy = await findPolicyIdByName(name, tx);
  if (!policy) throw new AppError("bad_request", `No policy named "${name}".`, { issues: [{ path: "policy", message: `No policy named "${name}".` }] });
  return policy.id;
}

export async function createApiKey(actor: Actor, input: CreateApiKeyInput): Promise<{ key: string; apiKey: ApiKeyRow }> {
  const data = createApiKeySchema.parse(input);
  const key = generateApiKey();
  return inTransaction(async (tx) => {
    const apiKey = await insertApiKey(
      {
        name: data.name,
        prefix: apiKeyPrefix(key),
        hash: hashApiKey(key),
        policyId: (await policyId(data.policy, tx)) ?? null,
        monthlyBudgetUsd: data.monthlyBudgetUsd,
        overBudget: data.overBudget,
        rateLimitPerMinute: data.rateLimitPerMinute,
        createdById: actor.id,
      },
      tx,
    );
    await recordAudit(actor, { action: "api_key.create", targetType: "api_key", targetId: apiKey.id, after: view(apiKey) }, tx);
    await notifyConfigChanged(tx, "api_key.create");
    return { key, apiKey };
  });
}

export async function updateApiKey(actor: Actor, id: string, patch: UpdateApiKeyInput): Promise<ApiKeyRow> {
  return inTransaction(async (tx) => {
    const before = await findApiKey(id, tx);
    if (!before) throw new AppError("not_found", "No such API key.");
    if (before.revokedAt) throw new AppError("conflict", "This key is revoked; create a new one instead.");
    const after = await updateApiKeyRow(
      id,
      {
        name: patch.name,
        policyId: await policyId(patch.policy, tx),
        monthlyBudgetUsd: patch.monthlyBudgetUsd,
        overBudget: patch.overBudget,
        rateLimitPerMinute: patch.rateLimitPerMinute,
        revokedAt: patch.revoked ? new Date() : undefined,
      },
      tx,
    );
    const action = patch.revoked ? "api_key.revoke" : "api_key.update";
    await recordAudit(actor, { action, targetType: "api_key", targetId: id, before: view(before), after: view(after) }, tx);
    await notifyConfigChanged(tx, action);
    return after;
  });
}

/** A page of keys with each key's month-to-date spend (UTC month, as the gateway's budget cap counts it). */
export async function listApiKeysWithSpend(opts: { page: number; pageSize: number; includeRevoked: boolean }, now = Date.now()) {
  const { items, total } = await listApiKeys(opts);
  const since = monthStart(now);
  const spend = await monthToDateSpend(items.map((k) => k.id), since);
  return { items: items.map((k) => ({ ...k, monthToDateUsd: spend.get(k.id) ?? 0 })), total, monthStart: since.toISOString() };
}
