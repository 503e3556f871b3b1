/**
 * The gateway's routes served straight from node:http, skipping Next.js's router and the
 * WHATWG Request/Response objects (together they cost more per request than routing itself).
 * They call the same handlers as the route.ts files under app/api/v1, so there is one
 * implementation of each. GET /metrics (Prometheus) is served here too, so a gateway-only instance has it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { env } from "../env";
import { bodyTooLarge, type GatewayRequest, type GatewayResponse } from "../gateway/gateway-io";
import { handleChatCompletion } from "../gateway/handle-chat-completion";
import { liveResponse, readyResponse } from "../gateway/gateway-health";
import { gatewayRuntime } from "../gateway/gateway-runtime";
import { handleEmbeddings } from "../gateway/handle-embeddings";
import { handleCountTokens, handleMessages } from "../gateway/handle-messages";
import { handleResponses } from "../gateway/handle-responses";
import { handleModels, handleRouteDryRun } from "../gateway/handle-route-and-models";
import { GatewayError, openAiErrorBody } from "../gateway/openai-errors";
import { handleMetrics, METRICS_PATH } from "./serve-metrics";

type Handler = (req: GatewayRequest) => Promise<GatewayResponse>;

const ROUTES: Record<string, Record<string, Handler>> = {
  "/api/v1/chat/completions": { POST: handleChatCompletion },
  "/api/v1/embeddings": { POST: handleEmbeddings },
  "/api/v1/messages": { POST: handleMessages },
  "/api/v1/messages/count_tokens": { POST: handleCountTokens },
  "/api/v1/responses": { POST: handleResponses },
  "/api/v1/route": { POST: handleRouteDryRun },
  "/api/v1/models": { GET: handleModels },
  [METRICS_PATH]: { GET: handleMetrics },
  // load balancers' checks, on every process (gateway-health.ts)
  "/api/health/live": { GET: async () => liveResponse() },
  "/api/health/ready": { GET: () => readyResponse(gatewayRuntime()) },
};

function routeOf(req: IncomingMessage): Handler | undefined {
  if (!req.url) return undefined;
  const q = req.url.indexOf("?");
  const path = q < 0 ? req.url : req.url.slice(0, q);
  return ROUTES[path.startsWith("/v1/") ? `/api${path}` : path]?.[req.method ?? ""];
}

export function isFastPath(req: IncomingMessage): boolean {
  return routeOf(req) !== undefined;
}

const EMPTY = new Uint8Array(0);

const unreadable = () => new GatewayError(400, "Could not read the request body.", "invalid_request");

/** Reads the body within `limit`; past it, stops reading (the connection is closed after the answer).
 *  Called late (after the key check), so a client gone by then has already had its 'error': checked. */
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    if (req.destroyed) return reject(unreadable());
    if (Number(req.headers["content-length"] ?? 0) > limit) return reject(bodyTooLarge(limit));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.pause();
        reject(bodyTooLarge(limit));
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 0 ? EMPTY : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on("error", () => reject(unreadable()));
  });
}

async function send(req: IncomingMessage, res: ServerResponse, response: GatewayResponse) {
  // A body left unread (refused before reading: no key, rate limit, too large) is not drained to keep
  // the connection: it is closed once the answer is out.
  if (!req.complete) res.setHeader("connection", "close");
  if (typeof response.body === "string") {
    // the answer's own headers object, extended in place (handlers build a fresh one per response)
    const headers = response.headers;
    headers["content-length"] = String(Buffer.byteLength(response.body));
    res.writeHead(response.status, headers).end(response.body);
    return;
  }
  res.writeHead(response.status, response.headers);
  res.flushHeaders();
  const iterator = response.body[Symbol.asyncIterator]();
  let closed = false;
  res.once("close", () => {
    closed = !res.writableFinished;
    if (closed) void iterator.return?.();
  });
  for (;;) {
    const { value, done } = await iterator.next();
    if (done || closed) break;
    if (!res.write(value)) await new Promise((resolve) => res.once("drain", resolve));
  }
  res.end();
}

function sendError(res: ServerResponse, status: number, message: string, code: string) {
  res.writeHead(status, { "content-type": "application/json", connection: "close" }).end(JSON.stringify(openAiErrorBody(status, message, code)));
}

/** The fast path's GatewayRequest: methods on a prototype, not closures made per request. */
class NodeRequest implements GatewayRequest {
  constructor(
    private readonly req: IncomingMessage,
    readonly signal: AbortSignal,
  ) {}

  header(name: string): string | undefined {
    const v = this.req.headers[name];
    return Array.isArray(v) ? v.join(", ") : v;
  }

  body(): Promise<Uint8Array> {
    return this.req.method === "GET" ? Promise.resolve(EMPTY) : readBody(this.req, env().GATEWAY_BODY_LIMIT_BYTES);
  }
}

const CONTROLLER = Symbol("abortController");
type TrackedSocket = Socket & { [CONTROLLER]?: AbortController };

/** One listener function for every connection: the socket closing aborts its signal. */
function abortConnection(this: TrackedSocket) {
  this[CONTROLLER]!.abort();
}

/**
 * The signal of the requests on this connection: aborted when the connection closes, which is how
 * a client that leaves before its answer is written shows up (the upstream call is then aborted).
 * One per connection, not per request: an AbortController cost a few µs a request, and an HTTP/1.1
 * connection carries one request at a time, so a close can only cut short the ones still running.
 * Everything that listens on it removes its listener when its call settles.
 */
function connectionSignal(socket: TrackedSocket): AbortSignal {
  let controller = socket[CONTROLLER];
  if (!controller) {
    controller = socket[CONTROLLER] = new AbortController();
    socket.once("close", abortConnection);
  }
  return controller.signal;
}

export async function serveFastPath(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const handler = routeOf(req);
  if (!handler) return sendError(res, 404, `No route ${req.method} ${req.url}.`, "not_found");
  await send(req, res, await handler(new NodeRequest(req, connectionSignal(req.socket))));
}
