import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { applyConfig } from "../config/apply-config";
import { startOtlpReceiver, type OtlpReceiver } from "../testing/otlp-receiver";
import { runCli, spawnGateway, type GatewayProcess } from "../testing/spawn-gateway";
import type { UpstreamServer } from "../testing/upstreams/http-helpers";
import { startOpenAiUpstream } from "../testing/upstreams/openai-upstream";

// A real `npm run gateway` process with tracing on: the spans still batched when it gets SIGTERM
// are exported by its stop sequence (scripts/gateway.ts → GatewayRuntime.stop → stopTracing).

const databaseUrl = inject("databaseUrl");
let upstream: UpstreamServer;
let receiver: OtlpReceiver;
let gateway: GatewayProcess | undefined;
let key: string;

beforeAll(async () => {
  upstream = await startOpenAiUpstream();
  receiver = await startOtlpReceiver();
  await applyConfig(
    { tiers: [{ name: "fast", provider: "openai", baseUrl: `${upstream.url}/v1`, model: "small-model" }], policies: [{ name: "default", tiers: ["fast"] }] },
    { prune: true, actor: { id: null, email: "test" }, can: () => true },
  );
  key = (await runCli(["keys", "create", "--name", "tracing-shutdown"], databaseUrl)).trim();
  // a minute between scheduled exports: only the stop can send this test's spans in time
  gateway = await spawnGateway(databaseUrl, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: "60000" });
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
  await receiver?.close();
});

describe("a gateway process with tracing on", () => {
  it("exports its queued spans when it stops", async () => {
    const traceId = crypto.randomUUID().replaceAll("-", "");
    const res = await fetch(`${gateway!.url}/api/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: JSON.stringify({ model: "frontdesk/auto", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(200);
    expect(upstream.requests.at(-1)!.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-`));
    expect(receiver.spans.filter((s) => s.traceId === traceId)).toEqual([]); // still batched
    expect(await gateway!.stop()).toBe(0);
    gateway = undefined;
    const spans = receiver.spans.filter((s) => s.traceId === traceId);
    expect(spans.map((s) => s.name).sort()).toEqual(["POST /api/v1/chat/completions", "chat small-model", "frontdesk.decide"]);
    expect(spans.every((s) => s.resource["service.name"] === "frontdesk")).toBe(true); // the default OTEL_SERVICE_NAME
  });
});
