// An OpenAI-compatible upstream on 127.0.0.1 for integration tests and benchmarks:
// POST /v1/chat/completions (JSON or SSE), POST /v1/embeddings, GET /v1/models. Behaviour switches: see behavior.ts.
import http from "node:http";
import { resolveBehavior, type Behavior } from "./behavior";
import { listen, preamble, readBody, record, writeEvents, type RecordedRequest, type UpstreamServer } from "./http-helpers";
import { completionBody, planReply, replyText, streamEvents, type OpenAiRequestBody } from "./openai-replies";
import { embeddingsBody } from "./embeddings-replies";

export interface OpenAiUpstreamOptions {
  port?: number;
  /** Reply text (default "Hello from the test upstream."), or a function of the request body. */
  reply?: string | ((body: OpenAiRequestBody) => string);
  /** Behaviour for every request, e.g. "delay=5" (model name and header override it). */
  defaultBehavior?: string;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (else 401). */
  apiKey?: string;
  /** Record requests in `requests` (default true; turn off for long benchmarks). */
  record?: boolean;
  /** Model ids listed by GET /v1/models. */
  models?: string[];
}

let sequence = 0;

function sendError(res: http.ServerResponse, status: number, message: string, type = "server_error", retryAfter?: string): void {
  const headers: http.OutgoingHttpHeaders = { "content-type": "application/json" };
  if (status === 429 || retryAfter) headers["retry-after"] = retryAfter ?? "1";
  res.writeHead(status, headers).end(JSON.stringify({ error: { message, type, param: null, code: type } }));
}

async function chat(req: http.IncomingMessage, res: http.ServerResponse, body: OpenAiRequestBody, b: Behavior, opts: OpenAiUpstreamOptions) {
  if (!(await preamble(req, b))) return;
  if (b.status) return sendError(res, b.status, `simulated upstream error ${b.status}`, b.status === 429 ? "rate_limit_exceeded" : "server_error", b.retryAfter);
  if (b.noLogprobs && body.logprobs) return sendError(res, 400, "logprobs is not supported for this model", "invalid_request_error");
  if (b.badJson) return void res.writeHead(200, { "content-type": "application/json" }).end("<html>not json</html>");
  const plan = planReply(body, b, replyText(body, b, opts.reply));
  const id = `chatcmpl-test-${++sequence}`;
  const created = Math.floor(Date.now() / 1000);
  if (!body.stream) {
    if (b.dropAfter !== undefined) {
      res.writeHead(200, { "content-type": "application/json" }).write("{\"id\":");
      return void setTimeout(() => res.socket?.destroy(), 10);
    }
    return void res.writeHead(200, { "content-type": "application/json" }).end(completionBody(plan, id, created));
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const events = streamEvents(plan, id, created, body.stream_options?.include_usage === true);
  const plain = !b.splitBytes && !b.chunkDelayMs && b.stallAfter === undefined && b.dropAfter === undefined;
  if (plain) return void res.end(events.join(""));
  if (await writeEvents(res, events, b)) res.end();
}

export async function startOpenAiUpstream(opts: OpenAiUpstreamOptions = {}): Promise<UpstreamServer> {
  const requests: RecordedRequest[] = [];
  let defaults = opts.defaultBehavior;
  const server = http.createServer(async (req, res) => {
    try {
      const text = await readBody(req);
      let body: OpenAiRequestBody | undefined;
      try {
        body = text ? (JSON.parse(text) as OpenAiRequestBody) : undefined;
      } catch {
        body = undefined;
      }
      if (opts.record !== false) record(req, res, body, requests);
      if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`) return sendError(res, 401, "invalid api key", "invalid_api_key");
      const path = req.url ?? "";
      if (req.method === "GET" && path.endsWith("/models")) {
        const b = resolveBehavior(defaults, undefined, req.headers["x-upstream-behavior"]);
        if (!(await preamble(req, b))) return;
        if (b.status) return sendError(res, b.status, `simulated upstream error ${b.status}`);
        const data = (opts.models ?? ["test-model"]).map((id) => ({ id, object: "model", created: 0, owned_by: "test" }));
        return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data }));
      }
      if (req.method === "POST" && path.endsWith("/embeddings")) {
        const b = resolveBehavior(defaults, body?.model, req.headers["x-upstream-behavior"]);
        if (!(await preamble(req, b))) return;
        if (b.status) return sendError(res, b.status, `simulated upstream error ${b.status}`, b.status === 429 ? "rate_limit_exceeded" : "server_error");
        if (!body || body.input === undefined) return sendError(res, 400, "missing input", "invalid_request_error");
        return void res.writeHead(200, { "content-type": "application/json" }).end(embeddingsBody(body));
      }
      if (req.method !== "POST" || !path.endsWith("/chat/completions")) return sendError(res, 404, `no route ${req.method} ${path}`, "not_found");
      if (!body || !Array.isArray(body.messages)) return sendError(res, 400, "invalid JSON body or missing messages", "invalid_request_error");
      await chat(req, res, body, resolveBehavior(defaults, body.model, req.headers["x-upstream-behavior"]), opts);
    } catch (error) {
      if (!res.headersSent) sendError(res, 500, `test upstream failed: ${(error as Error).message}`);
      else res.destroy();
    }
  });
  const listening = await listen(server, opts.port);
  return { ...listening, requests, setDefaultBehavior: (spec) => void (defaults = spec) };
}
