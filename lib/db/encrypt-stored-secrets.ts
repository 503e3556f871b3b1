/**
 * Run at start-up after the migrations (scripts/start.ts, `npm run db:migrate`): secrets stored
 * before encryption at rest are rewritten encrypted. A provider key in plaintext is encrypted in
 * place (until then it is read as it is); a tier's plaintext options.headers move into its
 * encrypted credential (headers already there win) and leave the options. One config
 * transaction, so two instances starting together take turns; gateways reload when it changed
 * anything. Idempotent: a second run finds nothing to do.
 */
import { inConfigTransaction, notifyConfigChanged } from "./config-repo";
import type { Prisma } from "./generated/client";
import { isEncrypted } from "./secret-box";
import { credentialColumns, openCredential, readStoredSecrets, saveTierSecrets } from "./tier-repo";

export type EncryptResult = { keys: number; headers: number };

function legacyHeaders(options: unknown): Record<string, string> | null {
  if (!options || typeof options !== "object" || !("headers" in options)) return null;
  const headers = (options as { headers: unknown }).headers;
  if (!headers || typeof headers !== "object") return {};
  return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export async function encryptStoredSecrets(): Promise<EncryptResult> {
  return inConfigTransaction(async (tx) => {
    const result: EncryptResult = { keys: 0, headers: 0 };
    const tiers = await tx.tier.findMany({ select: { id: true, name: true, options: true, credential: { select: credentialColumns } } });
    for (const tier of tiers) {
      const plain = legacyHeaders(tier.options);
      const hasPlainKey = tier.credential?.secret != null && !isEncrypted(tier.credential.secret);
      if (plain === null && !hasPlainKey) continue;
      const stored = plain === null ? openCredential(tier.name, tier.credential) : await readStoredSecrets(tier.id, tx);
      await saveTierSecrets(tier.id, tier.name, { ...stored, headers: { ...plain, ...stored.headers } }, tx);
      if (plain !== null) {
        const { headers: _moved, ...options } = tier.options as Record<string, unknown>;
        await tx.tier.update({ where: { id: tier.id }, data: { options: options as Prisma.InputJsonValue } });
        result.headers += 1;
      }
      if (hasPlainKey) result.keys += 1;
    }
    if (result.keys || result.headers) await notifyConfigChanged(tx, "secrets.encrypt");
    return result;
  });
}
