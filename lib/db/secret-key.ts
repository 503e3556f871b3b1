/**
 * The key of secret-box.ts, resolved once per process:
 *   FRONTDESK_SECRET_KEY (32 bytes, hex or base64) when set; otherwise
 *   <FRONTDESK_DATA_DIR>/secret.key, created at first use (random, mode 0600, folder 0700).
 * The file is the default with the embedded database and with an external DATABASE_URL alike,
 * so `npm start`, `npm test` and CI need no setup. Instances on several machines (gateways behind
 * a load balancer, a stand-alone worker) must share one key: set FRONTDESK_SECRET_KEY on all of
 * them, or copy the file. SECURITY.md says what this protects and what it does not.
 */
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { env } from "../env";
import { keyId, parseSecretKey } from "./secret-box";

export type SecretKey = { key: Buffer; id: string; source: "env" | "file"; file?: string };

export const SECRET_KEY_FILE = "secret.key";

let cached: SecretKey | undefined;

/** Creates the file unless another process did first (link is atomic); never overwrites one. */
function createKeyFile(file: string): void {
  // The folder keeps its usual mode: the embedded database (as the postgres user) may need to cross it.
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(tmp, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(tmp);
  }
}

export function readKeyFile(file: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    createKeyFile(file);
    text = readFileSync(file, "utf8");
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return parseSecretKey(text, file);
}

export function secretKey(): SecretKey {
  if (cached) return cached;
  const { FRONTDESK_SECRET_KEY, FRONTDESK_DATA_DIR } = env();
  if (FRONTDESK_SECRET_KEY !== undefined && FRONTDESK_SECRET_KEY !== "") {
    const key = parseSecretKey(FRONTDESK_SECRET_KEY);
    cached = { key, id: keyId(key), source: "env" };
  } else {
    const file = path.join(FRONTDESK_DATA_DIR, SECRET_KEY_FILE);
    const key = readKeyFile(file);
    cached = { key, id: keyId(key), source: "file", file };
  }
  return cached;
}

/** Tests change the environment; let them resolve the key again. */
export function resetSecretKeyCache() {
  cached = undefined;
}
