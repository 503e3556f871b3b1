/**
 * The gateway's own request/response shapes. The handlers work on these, so the node:http fast
 * path (lib/server/fast-path.ts) serves them without building WHATWG Request/Response objects
 * (which cost more CPU than routing), while Next.js route handlers adapt them from/to web ones.
 */
import { env } from "../env";
import { GatewayError } from "./openai-errors";

export type GatewayRequest = {
  /** Header value by lower-case name. */
  header(name: string): string | undefined;
  /** Reads the body (within GATEWAY_BODY_LIMIT_BYTES, else a 413 GatewayError). Handlers call it
   *  only once the API key and rate limit passed: a request without a key is answered unread. */
  body(): Promise<Uint8Array>;
  signal: AbortSignal;
};

export function bodyTooLarge(limit: number): GatewayError {
  return new GatewayError(413, `Request body is larger than the ${limit}-byte limit.`, "request_too_large");
}

export type GatewayResponse = {
  status: number;
  /** A fresh object per response, never a shared constant: the fast path adds content-length to it. */
  headers: Record<string, string>;
  /** A complete body, or chunks to stream (SSE). Stop iterating early to cancel the upstream. */
  body: string | AsyncIterable<Uint8Array>;
};

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): GatewayResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(value) };
}

/** Next.js route handlers: a web Request → GatewayRequest (the body read when asked for, within the limit). */
export async function fromWebRequest(req: Request): Promise<GatewayRequest> {
  return { header: (name) => req.headers.get(name) ?? undefined, body: () => readWebBody(req), signal: req.signal };
}

async function readWebBody(req: Request): Promise<Uint8Array> {
  const limit = env().GATEWAY_BODY_LIMIT_BYTES;
  if (Number(req.headers.get("content-length") ?? 0) > limit) throw bodyTooLarge(limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > limit) throw bodyTooLarge(limit);
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}

/** GatewayResponse → a web Response (Next.js route handlers). */
export function toWebResponse(res: GatewayResponse): Response {
  if (typeof res.body === "string") return new Response(res.body, { status: res.status, headers: res.headers });
  const iterator = res.body[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, { status: res.status, headers: res.headers });
}
