/**
 * Which tiers can serve a request at all, before any stage picks one. A request that declares
 * `tools` needs `capabilities.tools`; image content parts need `vision`; `response_format.type
 * "json_schema"` needs `jsonSchema`; estimated prompt tokens + the requested output tokens must fit
 * `contextTokens`, and the requested output tokens `maxOutputTokens`. Tiers that fall short are
 * treated like disabled ones by every stage (rules, pin, intent, classifier, escalation, hedge,
 * fallbacks); the trace names them and why.
 *
 * The prompt's size is the engine's estimate (characters / 4) unless the estimate could be wrong
 * about the window: a byte-level BPE token holds at least one UTF-8 byte, so a prompt whose bytes
 * (plus a few tokens per message) and output fit cannot overflow — 12 × the estimate bounds the
 * bytes without reading them, the bytes are counted next, and only when even they do not fit is
 * the prompt counted with the tier's real tokenizer (`exact`, given by the gateway: ~1 ms per
 * 2,000 tokens, so only near a window).
 */
import type { TierCapabilities, TierConfig } from "./config-schema";

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

/** Why `tier` cannot serve the request, or null when it can. */
export function missingCapability(
  capabilities: TierCapabilities,
  needs: RequestNeeds,
  promptTokens: number,
  exact?: () => { tokens: number; encoding: string } | null,
  maxPromptTokens?: () => number,
): string | null {
  if (needs.tools && !capabilities.tools) return "no tools";
  if (needs.vision && !capabilities.vision) return "no vision";
  if (needs.jsonSchema && !capabilities.jsonSchema) return "no json_schema output";
  const output = needs.maxOutputTokens ?? 0;
  if (output > capabilities.maxOutputTokens) return `max_tokens ${output} > maxOutputTokens ${capabilities.maxOutputTokens}`;
  const window = capabilities.contextTokens;
  if (exact && (12 * promptTokens + output <= window || (maxPromptTokens && maxPromptTokens() + output <= window))) return null; // fits whatever the real count
  const counted = exact?.() ?? null;
  const prompt = counted?.tokens ?? promptTokens;
  if (prompt + output > capabilities.contextTokens) {
    return `${counted ? `${prompt} (${counted.encoding})` : `~${prompt}`} prompt + ${output} output tokens > contextTokens ${capabilities.contextTokens}`;
  }
  return null;
}

/** The policy's resolved tiers with those that cannot serve the request set to null, and why each was left out. */
export function leaveOutIncapable(
  resolved: ReadonlyArray<TierConfig | null>,
  needs: RequestNeeds | undefined,
  promptTokens: number,
  exact?: ExactTokens,
  maxPromptTokens?: () => number,
): { resolved: Array<TierConfig | null>; leftOut: Array<{ tier: string; why: string }> } {
  const leftOut: Array<{ tier: string; why: string }> = [];
  if (!needs) return { resolved: [...resolved], leftOut };
  let kept: Array<TierConfig | null> | null = null; // copied only when a tier is left out
  resolved.forEach((tier, i) => {
    if (!tier) return;
    const why = missingCapability(tier.capabilities, needs, promptTokens, exact && (() => exact(tier)), maxPromptTokens);
    if (why === null) return;
    leftOut.push({ tier: tier.name, why });
    (kept ??= [...resolved])[i] = null;
  });
  return { resolved: kept ?? (resolved as Array<TierConfig | null>), leftOut };
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
  return bytes + 4 * messages.length;
}
