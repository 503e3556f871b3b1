/**
 * What the gateway benches stand on: a fresh database (DATABASE_URL's server, or a temporary
 * embedded Postgres), the OpenAI-compatible test upstream, the bench config (two tiers on that
 * upstream; policy "default" with three rules, escalation off) applied through the CLI, an API
 * key, and a gateway process. `close()` stops and removes all of it.
 */
import { rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEphemeralPostgres } from "../../lib/db/embedded-postgres";
import { createTestDatabase } from "../../lib/testing/test-database";
import { runCli, spawnGateway, type GatewayProcess } from "../../lib/testing/spawn-gateway";
import { spawnUpstream, type SpawnedUpstream } from "../../lib/testing/upstreams/spawn-upstream";
import type { LoadTarget } from "./load";

const BENCH_MESSAGES = [{ role: "user", content: "Explain the difference between TCP and UDP in two sentences." }];

export type BenchGateway = {
  databaseUrl: string;
  upstream: SpawnedUpstream;
  gateway: GatewayProcess;
  /** POST /api/v1/chat/completions through the gateway, routed by the default policy. */
  chat: LoadTarget;
  /** The same messages sent straight to the upstream (the baseline for added latency). */
  direct: LoadTarget;
  close(): Promise<void>;
};

export async function startBenchGateway(databaseName: string, nodeArgs: string[] = []): Promise<BenchGateway> {
  const ephemeral = process.env.DATABASE_URL ? null : await startEphemeralPostgres();
  const database = await createTestDatabase(process.env.DATABASE_URL ?? ephemeral!.url, databaseName);
  const upstream = await spawnUpstream("openai", { record: false });
  const close = async () => {
    await upstream.close();
    await database.drop();
    await ephemeral?.stop();
  };
  try {
    const configFile = path.join(os.tmpdir(), `${databaseName}-${process.pid}.json`);
    const tier = (name: string, model: string, input: number, output: number) => ({ name, provider: "openai", baseUrl: `${upstream.url}/v1`, model, inputUsdPerMTok: input, outputUsdPerMTok: output });
    writeFileSync(
      configFile,
      JSON.stringify({
        tiers: [tier("fast", "small-model", 0.06, 0.06), tier("capable", "large-model", 10, 30)],
        policies: [
          {
            name: "default",
            tiers: ["fast", "capable"],
            escalation: { enabled: false },
            rules: [
              { name: "hours", match: { keywords: ["opening hours", "store hours"] }, tier: "fast" },
              { name: "refunds", match: { regex: "refund(s|ed)? (policy|request)" }, tier: "fast" },
              { name: "disputes", match: { category: "dispute" }, tier: "capable" },
            ],
          },
        ],
      }),
    );
    await runCli(["config", "apply", configFile], database.url).finally(() => rmSync(configFile, { force: true }));
    const key = (await runCli(["keys", "create", "--name", "bench"], database.url)).trim();
    const gateway = await spawnGateway(database.url, {}, nodeArgs);
    const chat = {
      url: `${gateway.url}/api/v1/chat/completions`,
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: "frontdesk/auto", messages: BENCH_MESSAGES }),
    };
    const direct = {
      url: `${upstream.url}/v1/chat/completions`,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "small-model", messages: BENCH_MESSAGES }),
    };
    return {
      databaseUrl: database.url,
      upstream,
      gateway,
      chat,
      direct,
      close: async () => {
        await gateway.stop();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
