import net from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/prisma";
import { gatewayRuntime } from "./gateway-runtime";
import { validAndBroken, type BadRequest } from "../testing/bad-bodies";
import { flushRequestLog, startGatewayHarness, type Harness } from "../testing/gateway-harness";

let h: Harness;
let key: string;

beforeAll(async () => {
  h = await startGatewayHarness(({ openai }) => ({
    tiers: [{ name: "fast", provider: "openai", baseUrl: openai, model: "small-model" }],
    policies: [{ name: "default", tiers: ["fast"] }],
  }));
  key = await h.key();
});
afterAll(async () => h?.close());

type Case = { name: string; status: number; body?: string | Uint8Array; headers?: Record<string, string>; path?: string; method?: string };

const good = (extra: Record<string, unknown> = {}) => JSON.stringify({ model: "frontdesk/auto", messages: [{ role: "user", content: "hi" }], ...extra });

const MSG = '[{"role":"user","content":"hi"}]';

/** Bodies that must never reach an upstream: no model, prototype keys (nested, escaped), lone surrogates. */
const FORBIDDEN_BODIES: Array<[string, string]> = [
  ["missing model", `{"messages":${MSG}}`],
  ["null model", `{"model":null,"messages":${MSG}}`],
  ["__proto__ at the top", `{"model":"frontdesk/auto","messages":${MSG},"__proto__":{"polluted":true}}`],
  ["constructor at the top", `{"model":"frontdesk/auto","messages":${MSG},"constructor":{"prototype":{"polluted":true}}}`],
  ["__proto__ in a message", `{"model":"frontdesk/auto","messages":[{"role":"user","content":"hi","__proto__":{"x":1}}]}`],
  ["constructor in a content part", `{"model":"frontdesk/auto","messages":[{"role":"user","content":[{"type":"text","text":"hi","constructor":{}}]}]}`],
  ["__proto__ deep in metadata-like objects", `{"model":"frontdesk/auto","messages":${MSG},"response_format":{"type":"json_schema","json_schema":{"schema":{"a":[{"b":{"__proto__":{}}}]}}}}`],
  ["__proto__ spelled with escapes", `{"model":"frontdesk/auto","messages":${MSG},"\\u005f_proto\\u005f_":{"x":1}}`],
  ["constructor spelled with escapes", `{"model":"frontdesk/auto","messages":[{"role":"user","content":"hi","\\u0063onstructor":1}]}`],
  ["lone high surrogate in content", `{"model":"frontdesk/auto","messages":[{"role":"user","content":"a\\ud800b"}]}`],
  ["lone low surrogate in content", `{"model":"frontdesk/auto","messages":[{"role":"user","content":"\\udc00"}]}`],
  ["surrogates in the wrong order", `{"model":"frontdesk/auto","messages":[{"role":"user","content":"\\udc00\\ud800"}]}`],
  ["lone surrogate at the end of a string", `{"model":"frontdesk/auto","messages":[{"role":"user","content":"ok \\uD83D"}]}`],
  ["lone surrogate in the model", `{"model":"frontdesk/\\ud800","messages":${MSG}}`],
  ["lone surrogate in a key", `{"model":"frontdesk/auto","messages":${MSG},"metadata":{"\\ud800":"x"}}`],
  ["nesting deeper than 64 levels", `{"model":"frontdesk/auto","messages":${MSG},"x":${"[".repeat(100_000)}${"]".repeat(100_000)}}`],
  ["lone surrogate deep in a tool schema", `{"model":"frontdesk/auto","messages":${MSG},"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","description":["\\udfff"]}}}]}`],
];

const CASES: Case[] = [
  { name: "invalid JSON", status: 400, body: "{\"model\": " },
  { name: "JSON that is not an object", status: 400, body: "[1,2,3]" },
  { name: "empty body", status: 400, body: "" },
  { name: "missing messages", status: 400, body: JSON.stringify({ model: "frontdesk/auto" }) },
  { name: "empty messages", status: 400, body: JSON.stringify({ model: "frontdesk/auto", messages: [] }) },
  { name: "messages not an array", status: 400, body: JSON.stringify({ model: "frontdesk/auto", messages: "hello" }) },
  { name: "unknown role", status: 400, body: JSON.stringify({ model: "frontdesk/auto", messages: [{ role: "wizard", content: "hi" }] }) },
  { name: "content of the wrong type", status: 400, body: JSON.stringify({ model: "frontdesk/auto", messages: [{ role: "user", content: 42 }] }) },
  { name: "missing content", status: 400, body: JSON.stringify({ model: "frontdesk/auto", messages: [{ role: "user" }] }) },
  { name: "stream not a boolean", status: 400, body: good({ stream: "yes" }) },
  { name: "temperature out of range", status: 400, body: good({ temperature: 7 }) },
  { name: "n other than 1", status: 400, body: good({ n: 3 }) },
  { name: "model not a string", status: 400, body: good({ model: 7 }) },
  { name: "invalid UTF-8", status: 400, body: new Uint8Array([0x7b, 0x22, 0x6d, 0xff, 0xfe, 0x22, 0x7d]) },
  { name: "wrong content type", status: 415, body: good(), headers: { "content-type": "text/plain" } },
  { name: "unknown model", status: 404, body: good({ model: "gpt-7" }) },
  { name: "unknown policy", status: 404, body: good({ model: "frontdesk/nope" }) },
  { name: "missing API key", status: 401, body: good(), headers: { authorization: "" } },
  { name: "wrong API key", status: 401, body: good(), headers: { authorization: "Bearer fd_wrongwrongwrongwrongwrongwrongwrongwrong" } },
  { name: "malformed authorization header", status: 401, body: good(), headers: { authorization: "Basic abc" } },
  { name: "body over the 10 MB limit", status: 413, body: good({ pad: "x".repeat(10 * 1024 * 1024 + 10) }) },
  { name: "unknown route", status: 404, body: good(), path: "/api/v1/nothing-here" },
  ...FORBIDDEN_BODIES.map(([name, body]) => ({ name, status: 400, body })),
  ...FORBIDDEN_BODIES.map(([name, body]) => ({ name: `${name} (dry run)`, status: 400, body, path: "/api/v1/route" })),
];

describe("malformed requests get the right 4xx in OpenAI's error shape, never a 500", () => {
  it.each(CASES)("$name → $status", async (c) => {
    const res = await fetch(`${h.url}${c.path ?? "/api/v1/chat/completions"}`, {
      method: c.method ?? "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...c.headers },
      body: c.body as BodyInit | undefined,
    });
    expect(res.status).toBe(c.status);
    const json = await res.json();
    expect(json.error).toEqual({ message: expect.any(String), type: expect.any(String), param: expect.toSatisfy((p) => p === null || typeof p === "string"), code: expect.any(String) });
    expect(json.error.message.length).toBeGreaterThan(10);
  });

  it("sends none of the forbidden bodies upstream and logs none of them", async () => {
    await flushRequestLog();
    const upstreamBefore = h.openai.requests.length;
    const rowsBefore = await db.requestLog.count();
    for (const [name, body] of FORBIDDEN_BODIES) {
      const res = await fetch(`${h.url}/api/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body });
      expect(res.status, name).toBe(400);
      expect((await res.json()).error.message, name).toMatch(/model|__proto__|constructor|surrogate|deeper/);
    }
    await flushRequestLog();
    expect(h.openai.requests.length).toBe(upstreamBefore);
    expect(await db.requestLog.count()).toBe(rowsBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("names the offending field in `param`", async () => {
    const res = await fetch(`${h.url}/api/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "frontdesk/auto", messages: [{ role: "user", content: "ok" }, { role: "user", content: 42 }] }),
    });
    expect((await res.json()).error.param).toBe("messages.1.content");
    const nested = await fetch(`${h.url}/api/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: FORBIDDEN_BODIES.find(([name]) => name === "constructor in a content part")![1],
    });
    expect((await nested.json()).error).toMatchObject({ param: "messages.0.content.0.constructor", code: "invalid_request" });
  });

  it("answers and logs a prompt with NUL characters (Postgres text cannot hold them: stored as U+FFFD)", async () => {
    // One such row used to fail its whole batch on every retry, so nothing was logged after it.
    const content = "before\u0000after \\u0000 stays literal";
    const res = await fetch(`${h.url}/api/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "frontdesk/auto", user: "session\u0000", messages: [{ role: "user", content }] }),
    });
    expect(res.status).toBe(200);
    const id = res.headers.get("x-frontdesk-decision-id")!;
    await flushRequestLog();
    const row = await db.requestLog.findUnique({ where: { id }, select: { prompt: true, sessionKey: true } });
    expect(row?.prompt).toBe("user: before\ufffdafter \\u0000 stays literal");
    expect(row?.sessionKey).toBe("session\ufffd");
    expect(gatewayRuntime().requestLog.stats()).toMatchObject({ queued: 0, failedFlushes: 0 });
  });

  it("logs prompts in any script, emoji sent as escaped surrogate pairs too, without failing the batch", async () => {
    const content = "Größe ≥ 2 → 日本語のテキスト, emoji 🙂🏳️‍🌈 and \"quotes\"";
    const res = await fetch(`${h.url}/api/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      // as Python's json.dumps sends it: every non-ASCII character escaped, emoji as \\ud83d\\ude42
      body: JSON.stringify({ model: "frontdesk/auto", messages: [{ role: "user", content }] }).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
    });
    expect(res.status).toBe(200);
    const id = res.headers.get("x-frontdesk-decision-id")!;
    await flushRequestLog();
    const row = await db.requestLog.findUnique({ where: { id }, select: { prompt: true, reason: true } });
    expect(row?.prompt).toBe(`user: ${content}`);
    expect(row?.reason.length).toBeGreaterThan(0);
    expect(gatewayRuntime().requestLog.stats()).toMatchObject({ queued: 0, failedFlushes: 0 });
  });

  it("still serves good requests afterwards", async () => {
    const res = await fetch(`${h.url}/api/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: good() });
    expect(res.status).toBe(200);
  });
});

describe("request fields: forwarded, dropped or refused by an allowlist", () => {
  const post = (extra: Record<string, unknown>, path = "/api/v1/chat/completions") =>
    fetch(`${h.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: good(extra) });

  it.each([
    ["service_tier", { service_tier: "priority" }, /service_tier.*price/],
    ["store", { store: true }, /store.*upstream account/],
    ["modalities", { modalities: ["text", "audio"] }, /modalities/],
    ["audio", { audio: { voice: "alloy", format: "wav" } }, /audio/],
    ["prediction", { prediction: { type: "content", content: "x" } }, /prediction/],
    ["web_search_options", { web_search_options: {} }, /web_search_options/],
    ["functions", { functions: [{ name: "f" }] }, /functions.*tools/],
    ["top_k", { top_k: 5 }, /Unrecognized request argument.*top_k/],
    ["a typo", { temprature: 0.5 }, /Unrecognized request argument.*temprature/],
  ])("refuses %s with a 400 naming it, on both routes, before any upstream call", async (field, extra, message) => {
    const before = h.openai.requests.length;
    for (const path of ["/api/v1/chat/completions", "/api/v1/route"]) {
      const res = await post(extra, path);
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error).toMatchObject({ type: "invalid_request_error", code: "invalid_request", param: field === "a typo" ? "temprature" : field });
      expect(error.message).toMatch(message);
    }
    expect(h.openai.requests.length).toBe(before);
  });

  it("accepts the neutral values of refused fields (store: false, service_tier: default, null)", async () => {
    expect((await post({ store: false, service_tier: "default", audio: null })).status).toBe(200);
    const sent = h.openai.requests.at(-1)!.body as Record<string, unknown>;
    for (const field of ["store", "service_tier", "audio"]) expect(sent).not.toHaveProperty(field);
  });

  it("forwards the Chat Completions fields it supports and drops the model-specific and account hints", async () => {
    const forwarded = { seed: 7, top_p: 0.5, stop: ["\n\n"], presence_penalty: 0.1, frequency_penalty: 0.2, logit_bias: { "42": -1 }, parallel_tool_calls: false, response_format: { type: "text" }, max_completion_tokens: 50, user: "u1" };
    const dropped = { reasoning_effort: "high", verbosity: "low", prompt_cache_key: "k", safety_identifier: "s", metadata: { category: "billing" } };
    const res = await post({ ...forwarded, ...dropped });
    expect(res.status).toBe(200);
    const sent = h.openai.requests.at(-1)!.body as Record<string, unknown>;
    expect(sent).toMatchObject({ ...forwarded, model: "small-model" });
    for (const field of Object.keys(dropped)) expect(sent).not.toHaveProperty(field);
  });
});

/** A raw HTTP/1.1 exchange: sends the head and `sent` bytes of a body that claims `declared` bytes (or is
 *  chunked and endless), then waits up to `waitMs` for the answer. Resolves with the status line
 *  (null if none came) and whether the server closed the connection. */
function rawExchange(headers: Record<string, string>, opts: { declared?: number; sent: number; waitMs: number }) {
  return new Promise<{ status: number | null; closed: boolean; text: string }>((resolve) => {
    const url = new URL(h.url);
    const socket = net.connect(Number(url.port), url.hostname);
    let text = "";
    let closed = false;
    const done = () => {
      clearTimeout(timer);
      clearInterval(pump);
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: status ? Number(status[1]) : null, closed, text });
    };
    const timer = setTimeout(done, opts.waitMs);
    const framing = opts.declared !== undefined ? `content-length: ${opts.declared}` : "transfer-encoding: chunked";
    const head = Object.entries({ host: "x", "content-type": "application/json", ...headers }).map(([k, v]) => `${k}: ${v}\r\n`).join("");
    socket.write(`POST /api/v1/chat/completions HTTP/1.1\r\n${head}${framing}\r\n\r\n`);
    const piece = Buffer.alloc(16 * 1024, "x");
    let sent = 0;
    const pump = setInterval(() => {
      if (socket.destroyed || sent >= opts.sent) return;
      sent += piece.length;
      socket.write(opts.declared !== undefined ? piece : Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")]));
    }, 5);
    socket.on("data", (d) => (text += d.toString("latin1")));
    socket.on("error", () => {});
    socket.on("close", () => {
      closed = true;
      done();
    });
  });
}

describe("denial of service without a key: the key is checked before the body is read", () => {
  it("answers 401 to a request that declares a large body and sends a little of it, and closes the connection", async () => {
    const r = await rawExchange({}, { declared: 9 * 1024 * 1024, sent: 16 * 1024, waitMs: 3000 });
    expect(r.status).toBe(401);
    expect(r.text).toMatch(/connection: close/i);
    expect(r.closed).toBe(true);
  });

  it("answers 401 to a wrong key sending an endless chunked body, and closes instead of reading on", async () => {
    const r = await rawExchange({ authorization: "Bearer fd_wrongwrongwrongwrongwrongwrongwrongwrong" }, { sent: Infinity, waitMs: 3000 });
    expect(r.status).toBe(401);
    expect(r.closed).toBe(true);
  });

  it("still reads the body of a request with a good key, and answers 413 past the limit", async () => {
    const ok = await fetch(`${h.url}/api/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: good() });
    expect(ok.status).toBe(200);
    const r = await rawExchange({ authorization: `Bearer ${key}` }, { declared: 11 * 1024 * 1024, sent: 0, waitMs: 3000 });
    expect(r.status).toBe(413);
  });
});

describe("a generated corpus of bad requests (fast-check), on every route that takes a body", () => {
  const send = (path: string, r: Pick<BadRequest, "body" | "contentType">) =>
    fetch(`${h.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": r.contentType ?? "application/json" }, body: r.body as BodyInit });

  it("answers each with its 4xx in OpenAI's shape, sends none upstream or to the log, and keeps serving and logging the good requests beside them", async () => {
    await flushRequestLog();
    const rowsBefore = await db.requestLog.count();
    const upstreamBefore = h.openai.requests.length;
    const logged: string[] = [];
    await fc.assert(
      fc.asyncProperty(validAndBroken, fc.constantFrom("/api/v1/chat/completions", "/api/v1/route"), async ([good, bad], path) => {
        // the bad request and a good one at the same time: one must not disturb the other
        const [badRes, goodRes] = await Promise.all([send(path, bad), send(path, { body: JSON.stringify(good) })]);
        expect(badRes.status, bad.why).toBe(bad.status);
        const { error } = await badRes.json();
        expect(error, bad.why).toEqual({ message: expect.any(String), type: "invalid_request_error", param: expect.toSatisfy((p) => p === null || typeof p === "string"), code: expect.any(String) });
        const goodText = await goodRes.text();
        expect(goodRes.status, goodText).toBe(200);
        if (path === "/api/v1/chat/completions") logged.push(goodRes.headers.get("x-frontdesk-decision-id")!);
      }),
      { numRuns: 200, seed: 18 },
    );
    await flushRequestLog();
    expect(h.openai.requests.length - upstreamBefore).toBe(logged.length); // only the good requests went upstream
    expect(await db.requestLog.count()).toBe(rowsBefore + logged.length); // and only they were logged,
    expect(await db.requestLog.count({ where: { id: { in: logged } } })).toBe(logged.length); // every one of them
    expect(gatewayRuntime().requestLog.stats()).toMatchObject({ queued: 0, failedFlushes: 0, dropped: 0 });
    const still = await send("/api/v1/chat/completions", { body: good() });
    expect(still.status).toBe(200);
  });
});
