/**
 * A real gateway for integration tests: upstream test servers, a config applied through the
 * config-as-code path, API keys, and the gateway's node:http server (the fast path `npm start`
 * serves), all over real HTTP on 127.0.0.1.
 */
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { createApiKey } from "../auth/manage-api-keys";
import { applyConfig } from "../config/apply-config";
import type { CreateApiKeyInput } from "../auth/api-key-schemas";
import { gatewayRuntime } from "../gateway/gateway-runtime";
import { createHttpServer } from "../server/create-http-server";
import { serveFastPath } from "../server/fast-path";
import { startAnthropicUpstream } from "./upstreams/anthropic-upstream";
import { startOpenAiUpstream } from "./upstreams/openai-upstream";
import type { UpstreamServer } from "./upstreams/http-helpers";

export const TEST_ACTOR = { id: null, email: "test" };

export type Harness = {
  url: string;
  openai: UpstreamServer;
  anthropic: UpstreamServer;
  key(input?: CreateApiKeyInput): Promise<string>;
  client(apiKey: string): OpenAI;
  apply(config: unknown): Promise<void>;
  close(): Promise<void>;
};

export async function startGatewayHarness(config: (upstreams: { openai: string; anthropic: string }) => unknown): Promise<Harness> {
  const openai = await startOpenAiUpstream();
  const anthropic = await startAnthropicUpstream();
  const apply = async (c: unknown) => {
    await applyConfig(c, { prune: true, actor: TEST_ACTOR, can: () => true });
    await gatewayRuntime().reload();
  };
  await apply(config({ openai: `${openai.url}/v1`, anthropic: anthropic.url }));
  await gatewayRuntime().start();
  const server = createHttpServer((req, res) => void serveFastPath(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    openai,
    anthropic,
    apply,
    async key(input = { name: "test" }) {
      const { key } = await createApiKey(TEST_ACTOR, input);
      await gatewayRuntime().reload();
      return key;
    },
    client: (apiKey) => new OpenAI({ apiKey, baseURL: `${url}/api/v1`, maxRetries: 0, timeout: 20_000 }),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await gatewayRuntime().stop();
      await openai.close();
      await anthropic.close();
    },
  };
}

/** Waits until the batch writer has written everything queued. */
export async function flushRequestLog() {
  await new Promise((r) => setImmediate(r)); // rows are queued after the response is out
  await gatewayRuntime().requestLog.flush();
}
