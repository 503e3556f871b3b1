/**
 * Encryption at rest for provider keys and secret headers: AES-256-GCM (node:crypto), a random
 * 96-bit IV per value, the 128-bit tag checked on every read. A stored value reads
 *   v1:<key id>:<iv>:<tag>:<ciphertext>        (base64url parts)
 * where the key id (8 hex digits of a SHA-256 of the key) names the key that wrote it, so reading
 * with another key fails with a message that says so instead of returning garbage. Values without
 * the prefix are plaintext from before encryption (read as they are; encrypt-stored-secrets.ts
 * rewrites them). The key itself comes from secret-key.ts.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ENCRYPTED = /^v1:[0-9a-f]{8}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]*$/;

export const SECRET_KEY_HELP = "32 bytes as 64 hex characters or base64, e.g. from `openssl rand -base64 32`";

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretKeyError";
  }
}

/** 64 hex characters or base64 (standard or url-safe) of exactly 32 bytes; anything else throws. */
export function parseSecretKey(text: string, source = "FRONTDESK_SECRET_KEY"): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, "hex");
  if (/^[0-9a-fA-F]+$/.test(t) && t.length !== 43) throw new SecretKeyError(`${source} has ${t.length} hex characters; it must be ${SECRET_KEY_HELP}.`);
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) {
    const bytes = Buffer.from(t.replaceAll("-", "+").replaceAll("_", "/"), "base64");
    if (bytes.length === 32) return bytes;
    throw new SecretKeyError(`${source} decodes to ${bytes.length} bytes; it must be ${SECRET_KEY_HELP}.`);
  }
  throw new SecretKeyError(`${source} is neither hex nor base64; it must be ${SECRET_KEY_HELP}.`);
}

/** Names a key without revealing it (stored with each value, shown in errors). */
export function keyId(key: Buffer): string {
  return createHash("sha256").update("frontdesk secret key id\0").update(key).digest("hex").slice(0, 8);
}

export function isEncrypted(value: string): boolean {
  return ENCRYPTED.test(value);
}

export function encryptSecret(plaintext: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, keyId(key), iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(":");
}

/** The plaintext; a legacy unencrypted value is returned as it is. Throws SecretKeyError on a key mismatch or tampering. */
export function decryptSecret(value: string, key: Buffer, what = "a stored secret"): string {
  if (!value.startsWith(`${VERSION}:`)) return value;
  if (!isEncrypted(value)) throw new SecretKeyError(`${what} is not in the v1 format (damaged?); enter it again.`);
  const [, id, iv, tag, data] = value.split(":") as [string, string, string, string, string];
  if (id !== keyId(key)) {
    throw new SecretKeyError(
      `${what} was encrypted with secret key ${id}, but the key in use is ${keyId(key)}: set FRONTDESK_SECRET_KEY to the key that wrote it (or enter the secret again).`,
    );
  }
  const tagBytes = Buffer.from(tag, "base64url");
  if (tagBytes.length !== TAG_BYTES) throw new SecretKeyError(`${what} is damaged (bad tag); enter it again.`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretKeyError(`${what} could not be decrypted: it was changed after it was written, or written with another key; enter it again.`);
  }
}
