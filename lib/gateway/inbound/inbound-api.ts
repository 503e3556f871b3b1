/**
 * An inbound API of the gateway: how its requests become the internal chat request and how the
 * answer, its stream and its errors go back in its own shape. serve-inbound.ts does everything in
 * between (route, execute, log) once for all of them.
 */
import type { ProviderResult } from "../../providers/index";
import type { ChatRequestBody } from "../chat-request-schema";
import type { GatewayRequest, GatewayResponse } from "../gateway-io";

/** Which API a request came in on (recorded in the request log's latency JSON as `api`). */
export type InboundApiName = "chat" | "messages" | "responses";

export type AnswerContext<T> = {
  /** The request-log id (also the base of the answer's own ids). */
  id: string;
  /** The internal chat request. */
  body: ChatRequestBody;
  /** The request as the client sent it (validated). */
  inbound: T;
  /** The answering tier's upstream model. */
  model: string;
  /** Seconds since the epoch. */
  created: number;
};

export type InboundApi<T> = {
  name: InboundApiName;
  /** Reads and validates the body (a 4xx GatewayError when it is not acceptable). */
  read(req: GatewayRequest): Promise<{ chat: ChatRequestBody; inbound: T }>;
  /** The JSON answer's text from the upstream's answer in the chat shape. */
  json(result: ProviderResult, ctx: AnswerContext<T>): string;
  /** The stream in this API's SSE events from the chat completion SSE the drivers produce
   *  (replayed or live; its end stops the upstream when the client leaves). */
  sse(chat: AsyncIterable<Uint8Array>, ctx: AnswerContext<T>): AsyncIterable<Uint8Array>;
  /** Any error in this API's error shape (`headers` added: the x-frontdesk-* of a failed execution). */
  errorResponse(error: unknown, headers?: Record<string, string>): GatewayResponse;
};
