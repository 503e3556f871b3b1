// Per-request behaviour switches of the upstream test servers. Set them with the model name
// ("small-model+status=500+delay=200"), the `x-upstream-behavior` header ("status=500,delay=200")
// or the server's default (settable at run time). Later sources override earlier ones.

export interface Behavior {
  /** Answer this HTTP status with an error body in the provider's shape (429 adds Retry-After: 1, or `retryAfter`). */
  status?: number;
  /** Wait before answering (ms). */
  delayMs?: number;
  /** Never answer (until the client gives up). */
  hang?: boolean;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Streaming: send N events, then destroy the socket. */
  dropAfter?: number;
  /** Streaming: send N events, then go silent with the socket open. */
  stallAfter?: number;
  /** Low-confidence answer: hedging text and low token logprobs. */
  lowConfidence?: boolean;
  /** finish_reason "length" (Anthropic: stop_reason "max_tokens"). */
  length?: boolean;
  /** Empty answer text. */
  empty?: boolean;
  /** Fixed reply text (URL-encoded in the model name/header). */
  reply?: string;
  /** Streaming: pause between events (ms). */
  chunkDelayMs?: number;
  /** Answer with N words. */
  tokens?: number;
  /** Reject requests asking for logprobs with 400 ("logprobs is not supported"). */
  noLogprobs?: boolean;
  /** 200 with a body that is not JSON. */
  badJson?: boolean;
  /** Streaming: write the payload in N-byte pieces (1 ms apart), splitting lines mid-way. */
  splitBytes?: number;
  /** Answer with a call of the request's first tool (arguments "{}" or `toolArgs`). */
  toolCall?: boolean;
  /** The tool call's arguments (URL-encoded in the model name: "+toolargs=%7B%22q%22%3A1%7D"). */
  toolArgs?: string;
  /** Answer with a call of every declared tool (parallel tool calls). */
  allTools?: boolean;
  /** A malformed tool call: "name" calls a tool the request did not declare, "args" sends arguments that are not JSON. */
  badTool?: "name" | "args";
  /** Mean token logprob (default -0.05, low confidence -2.5). */
  logprob?: number;
  /** Retry-After sent with an error status (seconds), replacing 429's default of 1. */
  retryAfter?: string;
}

const cache = new Map<string, Behavior>();

function num(value: string, key: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`behavior ${key} needs a number, got "${value}"`);
  return n;
}

function apply(b: Behavior, key: string, value: string): void {
  switch (key) {
    case "status": b.status = num(value, key); break;
    case "delay": b.delayMs = num(value, key); break;
    case "hang": b.hang = true; break;
    case "drop": b.drop = true; break;
    case "dropafter": b.dropAfter = num(value, key); break;
    case "stall": b.stallAfter = value === "" ? 2 : num(value, key); break;
    case "lowconf": b.lowConfidence = true; break;
    case "length": b.length = true; break;
    case "empty": b.empty = true; break;
    case "reply": b.reply = decodeURIComponent(value); break;
    case "chunkdelay": b.chunkDelayMs = num(value, key); break;
    case "tokens": b.tokens = num(value, key); break;
    case "nologprobs": b.noLogprobs = true; break;
    case "badjson": b.badJson = true; break;
    case "split": b.splitBytes = value === "" ? 7 : num(value, key); break;
    case "tool": b.toolCall = true; break;
    case "toolargs": b.toolCall = true; b.toolArgs = decodeURIComponent(value); break;
    case "alltools": b.toolCall = true; b.allTools = true; break;
    case "badtool": b.toolCall = true; b.badTool = value === "args" ? "args" : "name"; break;
    case "logprob": b.logprob = num(value, key); break;
    case "retryafter": b.retryAfter = String(num(value, key)); break;
    default: throw new Error(`unknown upstream behavior "${key}"`);
  }
}

/** Parses "status=500,delay=10" or "status=500+delay=10" (cached: the bench hits this per request). */
export function parseBehavior(spec: string | undefined): Behavior {
  if (!spec) return {};
  let b = cache.get(spec);
  if (b) return b;
  b = {};
  for (const token of spec.split(/[+,]/)) {
    const trimmed = token.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf("=");
    apply(b, (eq === -1 ? trimmed : trimmed.slice(0, eq)).toLowerCase(), eq === -1 ? "" : trimmed.slice(eq + 1));
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(spec, b);
  return b;
}

/** The model name without its behaviour suffix ("small+status=500" → "small"). */
export function baseModel(model: string): string {
  const plus = model.indexOf("+");
  return plus === -1 ? model : model.slice(0, plus);
}

export function resolveBehavior(defaults: string | undefined, model: string | undefined, header: string | string[] | undefined): Behavior {
  const fromModel = model && model.includes("+") ? model.slice(model.indexOf("+") + 1) : undefined;
  const fromHeader = Array.isArray(header) ? header.join(",") : header;
  if (!defaults && !fromModel && !fromHeader) return {};
  return { ...parseBehavior(defaults), ...parseBehavior(fromModel), ...parseBehavior(fromHeader) };
}
