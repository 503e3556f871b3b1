import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "../env";
import { keyId } from "./secret-box";
import { resetSecretKeyCache, secretKey } from "./secret-key";

let dir: string;
const saved = { data: process.env.FRONTDESK_DATA_DIR, key: process.env.FRONTDESK_SECRET_KEY };

function use(env: { data?: string; key?: string }) {
  if (env.data === undefined) delete process.env.FRONTDESK_DATA_DIR;
  else process.env.FRONTDESK_DATA_DIR = env.data;
  if (env.key === undefined) delete process.env.FRONTDESK_SECRET_KEY;
  else process.env.FRONTDESK_SECRET_KEY = env.key;
  resetEnvCache();
  resetSecretKeyCache();
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "frontdesk-key-"));
});
afterEach(() => {
  use(saved);
  rmSync(dir, { recursive: true, force: true });
});

describe("the secret key", () => {
  it("is created in the data folder at first use (mode 0600) and read back after", () => {
    const data = path.join(dir, "data");
    use({ data });
    const first = secretKey();
    const file = path.join(data, "secret.key");
    expect(first).toMatchObject({ source: "file", file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    use({ data });
    expect(secretKey().key.equals(first.key)).toBe(true);
  });

  it("comes from FRONTDESK_SECRET_KEY when set (no file then), hex or base64", () => {
    const key = randomBytes(32);
    use({ data: dir, key: key.toString("base64") });
    expect(secretKey()).toMatchObject({ source: "env", id: keyId(key) });
    expect(() => statSync(path.join(dir, "secret.key"))).toThrow();
    use({ data: dir, key: key.toString("hex") });
    expect(secretKey().id).toBe(keyId(key));
  });

  it("tightens a key file others can read, and names a damaged one", () => {
    const file = path.join(dir, "secret.key");
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o644 });
    chmodSync(file, 0o644);
    use({ data: dir });
    expect(secretKey().source).toBe("file");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, "garbage!");
    use({ data: dir });
    expect(() => secretKey()).toThrow(`${file} is neither hex nor base64`);
    expect(readFileSync(file, "utf8")).toBe("garbage!"); // never overwritten
  });
});
