import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, isEncrypted, keyId, parseSecretKey } from "./secret-box";

const key = randomBytes(32);

describe("secret box (AES-256-GCM)", () => {
  it("round-trips, with a fresh IV per value and no plaintext in the output", () => {
    const a = encryptSecret("sk-live-abc123", key);
    const b = encryptSecret("sk-live-abc123", key);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1:[0-9a-f]{8}:/);
    expect(a).not.toContain("sk-live");
    expect(isEncrypted(a)).toBe(true);
    expect(decryptSecret(a, key)).toBe("sk-live-abc123");
    expect(decryptSecret(encryptSecret("", key), key)).toBe("");
    expect(decryptSecret(encryptSecret("ключ 🔑", key), key)).toBe("ключ 🔑");
  });

  it("says which key is needed when read with another one, instead of returning garbage", () => {
    const other = randomBytes(32);
    const sealed = encryptSecret("sk-live-abc123", key);
    expect(() => decryptSecret(sealed, other, "the key of tier fast")).toThrow(
      new RegExp(`the key of tier fast was encrypted with secret key ${keyId(key)}, but the key in use is ${keyId(other)}`),
    );
  });

  it("refuses a tampered value and a damaged one", () => {
    const sealed = encryptSecret("sk-live-abc123", key);
    const parts = sealed.split(":");
    const data = Buffer.from(parts[4]!, "base64url");
    data[0] ^= 1;
    parts[4] = data.toString("base64url");
    expect(() => decryptSecret(parts.join(":"), key)).toThrow(/could not be decrypted/);
    expect(() => decryptSecret("v1:nonsense", key)).toThrow(/not in the v1 format/);
  });

  it("reads a legacy plaintext value as it is", () => {
    expect(isEncrypted("sk-plain")).toBe(false);
    expect(decryptSecret("sk-plain", key)).toBe("sk-plain");
  });

  it("parses a key from 64 hex characters or base64 of 32 bytes, and explains anything else", () => {
    const hex = key.toString("hex");
    expect(parseSecretKey(hex).equals(key)).toBe(true);
    expect(parseSecretKey(key.toString("base64")).equals(key)).toBe(true);
    expect(parseSecretKey(` ${key.toString("base64url")}\n`).equals(key)).toBe(true);
    expect(() => parseSecretKey(randomBytes(16).toString("base64"))).toThrow(/decodes to 16 bytes; it must be 32 bytes/);
    expect(() => parseSecretKey("not a key!")).toThrow(/neither hex nor base64/);
    expect(() => parseSecretKey(hex.slice(2))).toThrow(/FRONTDESK_SECRET_KEY has 62 hex characters/);
  });
});
