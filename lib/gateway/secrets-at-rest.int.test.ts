/**
 * Issue 18, secrets at rest: the database holds no provider key or secret header in the clear,
 * the gateway still sends the right ones upstream (real HTTP to a loopback upstream that refuses
 * a wrong key), rows from before encryption are read and then rewritten, and a wrong key fails
 * with a message, not garbage.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGatewayConfig } from "../config/load-gateway-config";
import { encryptStoredSecrets } from "../db/encrypt-stored-secrets";
import { db } from "../db/prisma";
import { resetSecretKeyCache, secretKey } from "../db/secret-key";
import { resetEnvCache } from "../env";
import { gatewayRuntime } from "./gateway-runtime";
import { startGatewayHarness, type Harness } from "../testing/gateway-harness";
import { startOpenAiUpstream } from "../testing/upstreams/openai-upstream";
import type { UpstreamServer } from "../testing/upstreams/http-helpers";

const UPSTREAM_KEY = "sk-upstream-real-key-9QxT";
const ORG = "org-secret-value-0042";
let upstream: UpstreamServer;
let h: Harness;

const config = (baseUrl: string) => ({
  tiers: [{ name: "sar-fast", provider: "openai", baseUrl, model: "small-model", apiKey: UPSTREAM_KEY, options: { headers: { "X-Org-Secret": ORG } } }],
  policies: [{ name: "sar-default", tiers: ["sar-fast"] }],
  defaultPolicy: "sar-default",
});

type RawCredential = { secret: string | null; headers: string | null; hint: string; headerHints: unknown };
const rawCredential = async () => (await db.$queryRaw<RawCredential[]>`SELECT secret, headers, hint, "headerHints" FROM "ProviderCredential" WHERE name = 'tier:sar-fast'`)[0]!;
const rawOptions = async () => (await db.$queryRaw<Array<{ options: unknown }>>`SELECT options FROM "Tier" WHERE name = 'sar-fast'`)[0]!.options;

async function chat(key: string) {
  upstream.requests.length = 0;
  const answer = await h.client(key).chat.completions.create({ model: "frontdesk/auto", messages: [{ role: "user", content: "hello" }] });
  return { answer, sent: upstream.requests.at(-1)! };
}

beforeAll(async () => {
  upstream = await startOpenAiUpstream({ apiKey: UPSTREAM_KEY });
  h = await startGatewayHarness(() => config(`${upstream.url}/v1`));
});
afterAll(async () => {
  await h.close();
  await upstream.close();
});

describe("provider secrets at rest", () => {
  it("stores the key and the headers encrypted, and the gateway sends them in the clear upstream", async () => {
    const row = await rawCredential();
    expect(row.secret).toMatch(new RegExp(`^v1:${secretKey().id}:`));
    expect(row.headers).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain(UPSTREAM_KEY);
    expect(JSON.stringify(row)).not.toContain(ORG);
    expect(row).toMatchObject({ hint: "…9QxT", headerHints: { "X-Org-Secret": "…0042" } });
    expect(JSON.stringify(await rawOptions())).not.toContain(ORG);

    const { answer, sent } = await chat(await h.key({ name: "sar" }));
    expect(answer.choices[0]!.message.content).toBeTruthy();
    expect(sent.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
    expect(sent.headers["x-org-secret"]).toBe(ORG);
  });

  it("reads rows from before encryption, then encrypts them at start-up (key in place, headers out of the options)", async () => {
    const key = await h.key({ name: "sar-legacy" });
    await db.$executeRaw`UPDATE "ProviderCredential" SET secret = ${UPSTREAM_KEY}, headers = NULL, "headerHints" = '{}' WHERE name = 'tier:sar-fast'`;
    await db.$executeRaw`UPDATE "Tier" SET options = ${JSON.stringify({ headers: { "X-Org-Secret": ORG } })}::jsonb WHERE name = 'sar-fast'`;
    await gatewayRuntime().reload();
    expect((await chat(key)).sent.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);

    expect(await encryptStoredSecrets()).toEqual({ keys: 1, headers: 1 });
    const row = await rawCredential();
    expect(JSON.stringify(row)).not.toContain(UPSTREAM_KEY);
    expect(JSON.stringify(row)).not.toContain(ORG);
    expect(await rawOptions()).toEqual({});
    await gatewayRuntime().reload();
    const { sent } = await chat(key);
    expect(sent.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
    expect(sent.headers["x-org-secret"]).toBe(ORG);
    expect(await encryptStoredSecrets()).toEqual({ keys: 0, headers: 0 });
  });

  it("with another key, loading the config fails saying which key wrote the secrets", async () => {
    const right = secretKey().id;
    const saved = process.env.FRONTDESK_SECRET_KEY;
    process.env.FRONTDESK_SECRET_KEY = randomBytes(32).toString("hex");
    resetEnvCache();
    resetSecretKeyCache();
    try {
      await expect(loadGatewayConfig()).rejects.toThrow(new RegExp(`the API key of tier sar-fast was encrypted with secret key ${right}, but the key in use is ${secretKey().id}`));
      process.env.FRONTDESK_SECRET_KEY = "too-short";
      resetEnvCache();
      resetSecretKeyCache();
      expect(() => secretKey()).toThrow(/FRONTDESK_SECRET_KEY .*32 bytes/);
    } finally {
      if (saved === undefined) delete process.env.FRONTDESK_SECRET_KEY;
      else process.env.FRONTDESK_SECRET_KEY = saved;
      resetEnvCache();
      resetSecretKeyCache();
    }
    expect(secretKey().id).toBe(right);
  });
});
