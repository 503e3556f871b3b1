/**
 * Which tiers can serve a request at all, before any stage picks one. A request that declares
 * `tools` needs `capabilities.tools`; image content parts need `vision`; `response_format.type
 * "json_schema"` needs `jsonSchema`; estimated prompt tokens + the requested output tokens must fit
 * `contextTokens`, and the requested output tokens `maxOutputTokens`. Tiers that fall short are
 * treated like disabled ones by every stage (rules, pin, intent, classifier, escalation, hedge,
 * fallbacks); the trace names them and why.
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

/** Why `tier` cannot serve the request, or null when it can. */
export function missingCapability(capabilities: TierCapabilities, needs: RequestNeeds, promptTokens: number): string | null {
  if (needs.tools && !capabilities.tools) return "no tools";
  if (needs.vision && !capabilities.vision) return "no vision";
  if (needs.jsonSchema && !capabilities.jsonSchema) return "no json_schema output";
  const output = needs.maxOutputTokens ?? 0;
  if (output > capabilities.maxOutputTokens) return `max_tokens ${output} > maxOutputTokens ${capabilities.maxOutputTokens}`;
  if (promptTokens + output > capabilities.contextTokens) return `~${promptTokens} prompt + ${output} output tokens > contextTokens ${capabilities.contextTokens}`;
  return null;
}

/** The policy's resolved tiers with those that cannot serve the request set to null, and why each was left out. */
export function leaveOutIncapable(
  resolved: ReadonlyArray<TierConfig | null>,
  needs: RequestNeeds | undefined,
  promptTokens: number,
): { resolved: Array<TierConfig | null>; leftOut: Array<{ tier: string; why: string }> } {
  const leftOut: Array<{ tier: string; why: string }> = [];
  if (!needs) return { resolved: [...resolved], leftOut };
  const kept = resolved.map((tier) => {
    if (!tier) return null;
    const why = missingCapability(tier.capabilities, needs, promptTokens);
    if (why === null) return tier;
    leftOut.push({ tier: tier.name, why });
    return null;
  });
  return { resolved: kept, leftOut };
}
