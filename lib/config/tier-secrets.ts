/**
 * A tier's secrets as its inputs carry them: `apiKey` and `options.headers` (extra request
 * headers, often an organization id or a second credential). Both are write-only: split off the
 * tier's config before it is stored, kept in its encrypted credential (lib/db/tier-repo.ts), never
 * exported or shown (only names and hints). An input changes only what it names:
 *   apiKey: "…" replaces the key, null removes it, absent keeps it;
 *   options.headers: { "Name": "value" } sets one, { "Name": null } removes one, others are kept.
 * A change of the base URL first drops everything stored (upstream-moved.ts).
 * Each deployment's apiKey (deployments[i].apiKey) the same way, kept per deployment name; a
 * deployment removed, renamed or moved to another base URL loses its stored key.
 */
import type { TierSecrets } from "../db/tier-repo";
import { AppError } from "../http/app-error";
import type { DeploymentConfig, TierConfig } from "../routing/config-schema";
import { movesUpstream } from "./upstream-moved";

export type SecretsInput = { apiKey?: string | null; headers?: Record<string, string | null>; deploymentKeys?: Record<string, string | null> };

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

function parseHeaders(raw: unknown): Record<string, string | null> {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new AppError("bad_request", 'options.headers: use an object like {"OpenAI-Organization": "org-…"}.', {
      issues: [{ path: "options.headers", message: 'Use an object like {"OpenAI-Organization": "org-…"}.' }],
    });
  }
  const issues: Array<{ path: string; message: string }> = [];
  for (const [name, value] of Object.entries(raw)) {
    const path = `options.headers.${name}`;
    if (!TOKEN.test(name)) issues.push({ path, message: "Not a valid header name." });
    else if (value !== null && typeof value !== "string") issues.push({ path, message: "Use a string (or null to remove the stored one)." });
    else if (typeof value === "string" && (/[\r\n\0]/.test(value) || value.length > 8000)) issues.push({ path, message: "No line breaks, at most 8000 characters." });
  }
  if (issues.length) throw new AppError("bad_request", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
  return raw as Record<string, string | null>;
}

/** The tier without its secrets (what is stored as its config), and the secrets it carries. */
export function splitSecrets(tier: TierConfig, apiKey: string | null | undefined = tier.apiKey): { tier: TierConfig; secrets: SecretsInput } {
  const { apiKey: _key, options, deployments, ...rest } = tier;
  const { headers, ...otherOptions } = options;
  const secrets: SecretsInput = {};
  if (apiKey !== undefined) secrets.apiKey = apiKey;
  if (headers !== undefined) secrets.headers = parseHeaders(headers);
  const keys = deployments.filter((d) => d.apiKey !== undefined);
  if (keys.length) secrets.deploymentKeys = Object.fromEntries(keys.map((d) => [d.name, d.apiKey ?? null]));
  const bare = deployments.map(({ apiKey: _secret, ...d }): DeploymentConfig => d);
  return { tier: { ...rest, options: otherOptions, deployments: bare }, secrets };
}

export function touchesSecrets(input: SecretsInput): boolean {
  return input.apiKey !== undefined || input.headers !== undefined || input.deploymentKeys !== undefined;
}

/**
 * Names of the stored deployments whose key may stay: still listed under the same name and base
 * URL. `changed`: some stored deployment key must go (so the credential is written again).
 */
export function keptDeployments(before: readonly DeploymentConfig[], after: readonly DeploymentConfig[]): { kept: Set<string>; changed: boolean } {
  const kept = new Set<string>();
  for (const d of before) {
    const next = after.find((a) => a.name === d.name);
    if (next && !movesUpstream(d.baseUrl, next.baseUrl)) kept.add(d.name);
  }
  return { kept, changed: kept.size !== before.length };
}

/** The secrets after the change: the stored ones (none if the tier moved) with the input applied. */
export function nextSecrets(stored: TierSecrets, input: SecretsInput, moved: boolean, kept?: ReadonlySet<string>): TierSecrets {
  const base = moved ? { apiKey: null, headers: {} } : stored;
  // a deployment's key goes with its own base URL, not the tier's
  const deploymentKeys = Object.fromEntries(Object.entries(stored.deploymentKeys).filter(([name]) => !kept || kept.has(name)));
  for (const [name, value] of Object.entries(input.deploymentKeys ?? {})) {
    if (value === null) delete deploymentKeys[name];
    else deploymentKeys[name] = value;
  }
  const headers = { ...base.headers };
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    if (value !== null) headers[name] = value;
  }
  return { apiKey: input.apiKey === undefined ? base.apiKey : input.apiKey, headers, deploymentKeys };
}
