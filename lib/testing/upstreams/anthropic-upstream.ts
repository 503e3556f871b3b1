// An Anthropic-compatible upstream on 127.0.0.1: POST /v1/messages (JSON or streaming events),
// GET /v1/models. It validates like the real API (x-api-key, anthropic-version, max_tokens,
// roles), so mapping mistakes fail loudly. Behaviour switches: see behavior.ts.
import http from "node:http";
import { resolveBehavior, type Behavior } from "./behavior";
import { listen, preamble, readBody, record, writeEvents, type RecordedRequest, type UpstreamServer } from "./http-helpers";
import { messageBody, messageEvents, planAnthropic, validateRequest, type AnthropicRequestBody } from "./anthropic-replies";

export interface AnthropicUpstreamOptions {
  port?: number;
  reply?: string;
  defaultBehavior?: string;
  /** When set, requests must carry `x-api-key: <apiKey>` (else 401). */
  apiKey?: string;
  record?: boolean;
  models?: string[];
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error", 401: "authentication_error", 404: "not_found_error", 429: "rate_limit_error", 529: "overloaded_error",
};

let sequence = 0;

function sendError(res: http.ServerResponse, status: number, message: string): void {
  const headers: http.OutgoingHttpHeaders = { "content-type": "application/json" };
  if (status === 429) headers["retry-after"] = "1";
  res.writeHead(status, headers).end(JSON.stringify({ type: "error", error: { type: ERROR_TYPES[status] ?? "api_error", message } }));
}

async function messages(req: http.IncomingMessage, res: http.ServerResponse, body: AnthropicRequestBody, b: Behavior, opts: AnthropicUpstreamOptions) {
  if (!(await preamble(req, b))) return;
  if (b.status) return sendError(res, b.status, `simulated upstream error ${b.status}`);
  if (b.badJson) return void res.writeHead(200, { "content-type": "application/json" }).end("<html>not json</html>");
  const plan = planAnthropic(body, b, `msg_test_${++sequence}`, opts.reply);
  if (!body.stream) return void res.writeHead(200, { "content-type": "application/json" }).end(messageBody(plan));
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  if (await writeEvents(res, messageEvents(plan), b)) res.end();
}

export async function startAnthropicUpstream(opts: AnthropicUpstreamOptions = {}): Promise<UpstreamServer> {
  const requests: RecordedRequest[] = [];
  let defaults = opts.defaultBehavior;
  const server = http.createServer(async (req, res) => {
    try {
      const text = await readBody(req);
      let body: AnthropicRequestBody | undefined;
      try {
        body = text ? (JSON.parse(text) as AnthropicRequestBody) : undefined;
      } catch {
        body = undefined;
      }
      if (opts.record !== false) record(req, res, body, requests);
      if (opts.apiKey && req.headers["x-api-key"] !== opts.apiKey) return sendError(res, 401, "invalid x-api-key");
      if (!req.headers["anthropic-version"]) return sendError(res, 400, "anthropic-version: header is required");
      const path = req.url ?? "";
      if (req.method === "GET" && path.startsWith("/v1/models")) {
        const data = (opts.models ?? ["claude-test"]).map((id) => ({ type: "model", id, display_name: id, created_at: "2025-01-01T00:00:00Z" }));
        return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null }));
      }
      if (req.method !== "POST" || path !== "/v1/messages") return sendError(res, 404, `no route ${req.method} ${path}`);
      const invalid = validateRequest(body);
      if (invalid) return sendError(res, 400, invalid);
      await messages(req, res, body!, resolveBehavior(defaults, String(body!.model), req.headers["x-upstream-behavior"]), opts);
    } catch (error) {
      if (!res.headersSent) sendError(res, 500, `test upstream failed: ${(error as Error).message}`);
      else res.destroy();
    }
  });
  const listening = await listen(server, opts.port);
  return { ...listening, requests, setDefaultBehavior: (spec) => void (defaults = spec) };
}
