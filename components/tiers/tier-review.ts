/**
 * A tier as the review step diffs it (before → after): its settings, with the write-only secrets
 * shown only as what the console may show — the stored key's hint, header names — and a newly
 * typed key or header value as "(new value)", never the value itself.
 */
import type { TierPatch } from "@/lib/config/config-schemas";
import type { TierView } from "@/lib/config/tier-view";
import type { TierConfigInput } from "@/lib/routing/config-schema";

const NEW = "(new value)";
type Loose = Record<string, unknown>;

function shown(settings: Loose, apiKey: string | null, headers: Record<string, string>): Loose {
  const { apiKey: _key, options, rank: _rank, credentialHint: _hint, headerHints: _hints, usedBy: _usedBy, ...rest } = settings;
  const { headers: _headers, ...otherOptions } = (options as Loose | undefined) ?? {};
  return { ...rest, options: otherOptions, apiKey, headers };
}

const typedHeaders = (options: unknown) => (options as { headers?: Record<string, unknown> } | undefined)?.headers;

export function tierBeforeReview(tier: TierView): Loose {
  return shown(tier, tier.credentialHint, tier.headerHints);
}

/** The tier once `patch` is published: a typed header replaces the stored one, null removes it, the rest stay. */
export function tierAfterPatch(tier: TierView, patch: TierPatch): Loose {
  const apiKey = patch.apiKey === undefined ? tier.credentialHint : patch.apiKey === null ? null : NEW;
  const typed = typedHeaders(patch.options);
  const headers = { ...tier.headerHints };
  for (const [name, value] of Object.entries(typed ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = NEW;
  }
  return shown({ ...tier, ...patch }, apiKey, headers);
}

export function tierAfterCreate(input: TierConfigInput): Loose {
  const headers = Object.fromEntries(Object.keys(typedHeaders(input.options) ?? {}).map((name) => [name, NEW]));
  return shown(input as Loose, input.apiKey ? NEW : null, headers);
}
