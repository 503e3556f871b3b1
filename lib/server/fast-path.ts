/**
 * The gateway's routes served straight from node:http, skipping Next.js's router (which costs
 * more per request than the whole routing decision). They call the same handlers as
 * the route.ts files under app/api/v1, so there is one implementation of each.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "../env.ts";
import { handleChatCompletion } from "../gateway/handle-chat-completion.ts";
import { handleModels, handleRouteDryRun } from "../gateway/handle-route-and-models.ts";
import { openAiErrorBody } from "../gateway/openai-errors.ts";

type Handler = (req: Request, signal: AbortSignal) => Promise<Response>;

const ROUTES: Record<string, Record<string, Handler>> = {
  "/api/v1/chat/completions": { POST: handleChatCompletion },
  "/api/v1/route": { POST: (req) => handleRouteDryRun(req) },
  "/api/v1/models": { GET: (req) => handleModels(req) },
};

function routeOf(req: IncomingMessage): Handler | undefined {
  if (!req.url) return undefined;
  const q = req.url.indexOf("?");
  const path = (q < 0 ? req.url : req.url.slice(0, q)).replace(/^\/v1\//, "/api/v1/");
  return ROUTES[path]?.[req.method ?? ""];
}

export function isFastPath(req: IncomingMessage): boolean {
  return routeOf(req) !== undefined;
}

class TooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) return reject(new TooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(new TooLarge());
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

async function send(res: ServerResponse, response: Response) {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  if (!response.body) return void res.writeHead(response.status, headers).end();
  if (!(headers["content-type"] ?? "").startsWith("text/event-stream")) {
    const buffer = Buffer.from(await response.arrayBuffer());
    headers["content-length"] = String(buffer.length);
    return void res.writeHead(response.status, headers).end(buffer);
  }
  res.writeHead(response.status, headers);
  res.flushHeaders();
  const reader = response.body.getReader();
  res.on("close", () => void (!res.writableFinished && reader.cancel().catch(() => {})));
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!res.write(value)) await new Promise((resolve) => res.once("drain", resolve));
  }
  res.end();
}

export async function serveFastPath(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const handler = routeOf(req);
  if (!handler) {
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify(openAiErrorBody(404, `No route ${req.method} ${req.url}`, "not_found")));
    return;
  }
  const limit = env().GATEWAY_BODY_LIMIT_BYTES;
  const controller = new AbortController();
  res.on("close", () => !res.writableFinished && controller.abort());
  if (req.method === "GET") {
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, { method: "GET", headers: toHeaders(req) });
    return send(res, await handler(request, controller.signal));
  }
  let body: Buffer;
  try {
    body = await readBody(req, limit);
  } catch (error) {
    const status = error instanceof TooLarge ? 413 : 400;
    const message = error instanceof TooLarge ? `Request body is larger than the ${limit}-byte limit.` : "Could not read the request body.";
    res.writeHead(status, { "content-type": "application/json", connection: "close" }).end(JSON.stringify(openAiErrorBody(status, message, status === 413 ? "request_too_large" : "invalid_request")));
    return;
  }
  const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, { method: "POST", headers: toHeaders(req), body: body as unknown as BodyInit });
  await send(res, await handler(request, controller.signal));
}
