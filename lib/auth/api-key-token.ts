/**
 * Gateway API keys: `fd_` + 40 random base62 characters. Only the SHA-256 is stored, with a
 * short visible prefix so people can tell their keys apart in lists.
 */
import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const API_KEY_PATTERN = /^fd_[0-9A-Za-z]{40}$/;

export function generateApiKey(): string {
  const bytes = randomBytes(64);
  let body = "";
  for (const b of bytes) {
    if (b < 248) body += ALPHABET[b % 62]; // 248 = 4 × 62: no modulo bias
    if (body.length === 40) break;
  }
  return body.length === 40 ? `fd_${body}` : generateApiKey();
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function apiKeyPrefix(key: string): string {
  return key.slice(0, 11);
}
