import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAnthropicUpstream } from "./anthropic-upstream";
import type { UpstreamServer } from "./http-helpers";
import { startOpenAiUpstream } from "./openai-upstream";
import { spawnUpstream } from "./spawn-upstream";

let up: UpstreamServer;
let client: OpenAI;
const messages = [{ role: "user" as const, content: "Say hello" }];

beforeAll(async () => {
  up = await startOpenAiUpstream({ apiKey: "sk-test", reply: (body) => `You said: ${String(body.messages?.at(-1)?.content)}` });
  client = new OpenAI({ baseURL: `${up.url}/v1`, apiKey: "sk-test", maxRetries: 0 });
});
afterAll(() => up.close());

describe("OpenAI test upstream with the official openai client", () => {
  it("answers chat.completions.create (non-streaming) with logprobs", async () => {
    const completion = await client.chat.completions.create({ model: "small-model", messages, logprobs: true });
    expect(completion.choices[0].message.content).toBe("You said: Say hello");
    expect(completion.choices[0].logprobs?.content?.length).toBe(4);
    expect(completion.usage?.completion_tokens).toBe(4);
    expect(up.requests.at(-1)!.headers.authorization).toBe("Bearer sk-test");
  });

  it("streams with usage in the last chunk", async () => {
    const stream = await client.chat.completions.create({ model: "small-model", messages, stream: true, stream_options: { include_usage: true } });
    let text = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe("You said: Say hello");
    expect(usage?.completion_tokens).toBe(4);
  });

  it("switches behaviour per request through a header, answering errors in OpenAI's shape", async () => {
    const error = await client.chat.completions.create({ model: "small-model", messages }, { headers: { "x-upstream-behavior": "status=429" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const cut = await client.chat.completions.create({ model: "small-model+length", messages });
    expect(cut.choices[0].finish_reason).toBe("length");
    expect(cut.model).toBe("small-model");
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(["test-model"]);
  });
});

describe("Anthropic test upstream", () => {
  it("validates requests like the real API", async () => {
    const server = await startAnthropicUpstream();
    try {
      const post = (body: unknown, headers: Record<string, string> = { "anthropic-version": "2023-06-01" }) =>
        fetch(`${server.url}/v1/messages`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
      expect((await post({ model: "m", messages: [{ role: "user", content: "x" }] })).status).toBe(400);
      expect((await post({ model: "m", max_tokens: 5, messages: [{ role: "system", content: "x" }] })).status).toBe(400);
      expect((await post({ model: "m", max_tokens: 5, messages: [{ role: "user", content: "x" }] }, {})).status).toBe(400);
      const ok = await post({ model: "m", max_tokens: 5, messages: [{ role: "user", content: "x" }] });
      expect(await ok.json()).toMatchObject({ type: "message", stop_reason: "end_turn", usage: { output_tokens: 6 } });
    } finally {
      await server.close();
    }
  });
});

describe("spawnUpstream", () => {
  it("runs the OpenAI upstream in a child process (for benchmarks) and stops it", async () => {
    const spawned = await spawnUpstream("openai", { reply: "from the child" });
    try {
      const remote = new OpenAI({ baseURL: `${spawned.url}/v1`, apiKey: "x", maxRetries: 0 });
      const completion = await remote.chat.completions.create({ model: "m", messages });
      expect(completion.choices[0].message.content).toBe("from the child");
    } finally {
      await spawned.close();
    }
  });
});
