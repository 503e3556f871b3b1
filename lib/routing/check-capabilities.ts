/**
 * Which tiers can serve a request at all, before any stage picks one. A request that declares
 * `tools` needs `capabilities.tools`; image content parts need `vision`; `response_format.type
 * "json_schema"` needs `jsonSchema`; estimated prompt tokens + the requested output tokens must fit
 * `contextTokens`, and the requested output tokens `maxOutputTokens`. Tiers that fall short are
 * treated like disabled ones by every stage (rules, pin, intent, classifier, escalation, hedge,
 * fallbacks); the trace names them and why.
 *
 * The prompt's size is the engine's estimate (estimate-tokens.ts) unless the estimate could be
 * wrong about the window: a byte-level BPE token holds at least one UTF-8 byte, so a prompt whose
 * bytes (plus a few tokens per message) and output fit cannot overflow — 3 bytes per UTF-16 unit
 * bounds the bytes without reading them, the bytes are counted next, and only when even they do
 * not fit is the prompt counted with the tier's real tokenizer (`exact`, given by the gateway:
 * ~0.5 ms per 2,000 tokens, so only near a window).
 */
import type { TierCapabilities, TierConfig } from "./config-schema";
import { MESSAGE_OVERHEAD_TOKENS } from "./estimate-tokens";

/** What a request needs from a tier (read by the gateway from the body: readRequestNeeds). */
export type RequestNeeds = { tools: boolean; vision: boolean; jsonSchema: boolean; maxOutputTokens: number | null };

type BodyLike = {
  tools?: readonly unknown[] | null;
  messages?: ReadonlyArray<{ content?: unknown }>;
  response_format?: { type?: string } | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
};

export function readRequestNeeds(body: BodyLike): RequestNeeds {
  const vision = (body.messages ?? []).some(
    (m) => Array.isArray(m.content) && m.content.some((part) => (part as { type?: string } | null)?.type === "image_url"),
  );
  return {
    tools: (body.tools?.length ?? 0) > 0,
    vision,
    jsonSchema: body.response_format?.type === "json_schema",
    maxOutputTokens: body.max_completion_tokens ?? body.max_tokens ?? null,
  };
}

/** Counts the request's prompt with the tokenizer of a tier's model family (the gateway's). */
export type ExactTokens = (tier: TierConfig) => { tokens: number; encoding: string } | null;

/** A prompt's size as the capability check reads it: the estimate, and bounds of any byte-level BPE count. */
export type PromptSize = {
  /** The engine's estimate (read only when the bounds do not settle the check). */
  tokens: () => number;
  /** 3 bytes per UTF-16 unit + the per-message overhead: an upper bound without reading the text. */
  quickBound: number;
  /** The UTF-8 bytes + the per-message overhead (promptTokenBound), read on demand. */
  bound: () => number;
};

/** The size of a prompt of these messages with the engine's estimate `tokens`. */
export function promptSize(messages: ReadonlyArray<{ content: string }>, tokens: () => number, chars?: number): PromptSize {
  let total = chars;
  if (total === undefined) {
    total = 0;
    for (const m of messages) total += m.content.length;
  }
  return new LazyPromptSize(messages, tokens, 3 * total + MESSAGE_OVERHEAD_TOKENS * messages.length);
}

/** A class: one object per request, the byte bound a field (no closure for it). */
class LazyPromptSize implements PromptSize {
  private counted: number | undefined;

  constructor(
    private readonly messages: ReadonlyArray<{ content: string }>,
    readonly tokens: () => number,
    readonly quickBound: number,
  ) {}

  bound(): number {
    return (this.counted ??= promptTokenBound(this.messages));
  }
}

/** Why `tier` cannot serve the request, or null when it can. */
export function missingCapability(
  capabilities: TierCapabilities,
  needs: RequestNeeds,
  size: PromptSize | number,
  exact?: () => { tokens: number; encoding: string } | null,
): string | null {
  if (needs.tools && !capabilities.tools) return "no tools";
  if (needs.vision && !capabilities.vision) return "no vision";
  if (needs.jsonSchema && !capabilities.jsonSchema) return "no json_schema output";
  const output = needs.maxOutputTokens ?? 0;
  if (output > capabilities.maxOutputTokens) return `max_tokens ${output} > maxOutputTokens ${capabilities.maxOutputTokens}`;
  const window = capabilities.contextTokens;
  if (exact && typeof size !== "number" && (size.quickBound + output <= window || size.bound() + output <= window)) return null; // fits whatever the real count
  const counted = exact?.() ?? null;
  const prompt = counted?.tokens ?? (typeof size === "number" ? size : size.tokens());
  if (prompt + output > capabilities.contextTokens) {
    return `${counted ? `${prompt} (${counted.encoding})` : `~${prompt}`} prompt + ${output} output tokens > contextTokens ${capabilities.contextTokens}`;
  }
  return null;
}

/** The policy's resolved tiers with those that cannot serve the request set to null (a copy; `resolved` itself when none is), and why each was left out. */
export function leaveOutIncapable(
  resolved: ReadonlyArray<TierConfig | null>,
  needs: RequestNeeds | undefined,
  size: PromptSize,
  exact?: ExactTokens,
): { resolved: ReadonlyArray<TierConfig | null>; leftOut: Array<{ tier: string; why: string }> } {
  const leftOut: Array<{ tier: string; why: string }> = [];
  if (!needs) return { resolved: [...resolved], leftOut };
  let kept: Array<TierConfig | null> | null = null; // copied only when a tier is left out
  for (let i = 0; i < resolved.length; i++) {
    const tier = resolved[i];
    if (!tier) continue;
    const why = missingCapability(tier.capabilities, needs, size, exact && (() => exact(tier)));
    if (why === null) continue;
    leftOut.push({ tier: tier.name, why });
    (kept ??= [...resolved])[i] = null;
  }
  return { resolved: kept ?? resolved, leftOut };
}

/** An upper bound of the prompt's tokens for any byte-level BPE tokenizer: its UTF-8 bytes, plus 4 per message for the chat format. */
export function promptTokenBound(messages: ReadonlyArray<{ content: string }>): number {
  let bytes = 0;
  for (const m of messages) {
    const text = m.content;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c < 0xdc00) {
        bytes += 4; // a surrogate pair: one 4-byte character
        i++;
      } else bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
  }
  return bytes + MESSAGE_OVERHEAD_TOKENS * messages.length;
}
