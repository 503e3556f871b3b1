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

/**
 * Deployments with their keys as the console may show them: a typed key "(new value)", a removed
 * one null, an untouched one its stored hint (kept while the name and base URL stay).
 */
function shownDeployments(deployments: unknown, hints: Record<string, string>): unknown {
  if (!Array.isArray(deployments)) return deployments;
  return (deployments as Loose[]).map(({ apiKey, ...deployment }) => ({
    ...deployment,
    apiKey: typeof apiKey === "string" ? NEW : apiKey === null ? null : (hints[String(deployment.name)] ?? null),
  }));
}

function shown(settings: Loose, apiKey: string | null, headers: Record<string, string>, keyHints: Record<string, string> = {}): Loose {
  const { apiKey: _key, options, rank: _rank, credentialHint: _hint, headerHints: _hints, deploymentKeyHints: _keyHints, usedBy: _usedBy, ...rest } = settings;
  const { headers: _headers, ...otherOptions } = (options as Loose | undefined) ?? {};
  return { ...rest, ...("deployments" in rest ? { deployments: shownDeployments(rest.deployments, keyHints) } : {}), options: otherOptions, apiKey, headers };
}

const typedHeaders = (options: unknown) => (options as { headers?: Record<string, unknown> } | undefined)?.headers;

export function tierBeforeReview(tier: TierView): Loose {
  return shown(tier, tier.credentialHint, tier.headerHints, tier.deploymentKeyHints);
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
  return shown({ ...tier, ...patch }, apiKey, headers, tier.deploymentKeyHints);
}

export function tierAfterCreate(input: TierConfigInput): Loose {
  const headers = Object.fromEntries(Object.keys(typedHeaders(input.options) ?? {}).map((name) => [name, NEW]));
  return shown(input as Loose, input.apiKey ? NEW : null, headers);
}
