/**
 * The tier dialog's fields → the API's input, validated in the browser with the same tierSchema
 * (and the same messages, lib/config/form-errors.ts) the server uses. The API key is write-only:
 * typed → replaced; "remove" ticked → deleted; otherwise left as stored. So are options.headers:
 * the stored ones are listed by name, never put in the options JSON; a header typed there is set,
 * `null` removes it, the others stay. Capabilities (what the model can serve: the engine leaves a
 * tier out of requests that need more) are three switches and two token counts. Deployments
 * (several upstreams of one tier) are rows; each row's key is write-only like the tier's.
 */
import type { TierPatch } from "@/lib/config/config-schemas";
import { fieldIssues, friendlyErrors, issuesByPath } from "@/lib/config/form-errors";
import type { TierView } from "@/lib/config/tier-view";
import { DEFAULT_CAPABILITIES, tierSchema, type TierCapabilities, type TierConfigInput } from "@/lib/routing/config-schema";

export type TierFormValues = {
  name: string;
  kind: string;
  provider: string;
  baseUrl: string;
  model: string;
  apiKey: string;
  removeApiKey: boolean;
  inputUsdPerMTok: string;
  outputUsdPerMTok: string;
  timeoutMs: string;
  enabled: boolean;
  options: string;
  canTools: boolean;
  canVision: boolean;
  canJsonSchema: boolean;
  contextTokens: string;
  maxOutputTokens: string;
  deployments: DeploymentFormRow[];
};

/** One deployment row of the form; `apiKey` typed replaces the stored key, `removeApiKey` deletes it. */
export type DeploymentFormRow = { name: string; baseUrl: string; weight: string; region: string; model: string; apiKey: string; removeApiKey: boolean };

export const EMPTY_DEPLOYMENT: DeploymentFormRow = { name: "", baseUrl: "", weight: "1", region: "", model: "", apiKey: "", removeApiKey: false };

export type TierFormErrors = Record<string, string>;

export const EMPTY_TIER_FORM: TierFormValues = {
  name: "",
  kind: "chat",
  provider: "openai",
  baseUrl: "",
  model: "",
  apiKey: "",
  removeApiKey: false,
  inputUsdPerMTok: "0",
  outputUsdPerMTok: "0",
  timeoutMs: "60000",
  enabled: true,
  options: "{}",
  ...capabilityFields(DEFAULT_CAPABILITIES),
  deployments: [],
};

function capabilityFields(c: TierCapabilities) {
  return {
    canTools: c.tools,
    canVision: c.vision,
    canJsonSchema: c.jsonSchema,
    contextTokens: String(c.contextTokens),
    maxOutputTokens: String(c.maxOutputTokens),
  };
}

const thousands = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : n >= 1024 && n % 1024 === 0 ? `${n / 1024}Ki` : n.toLocaleString("en-US"));

/** The catalog's one-line summary: "tools · json schema · 128k context · 16Ki out". */
export function capabilitySummary(c: TierCapabilities): string {
  const can = [c.tools && "tools", c.vision && "vision", c.jsonSchema && "json schema"].filter(Boolean);
  return [...can, `${thousands(c.contextTokens)} context`, `${thousands(c.maxOutputTokens)} out`].join(" · ");
}

export function formFromTier(tier: TierView): TierFormValues {
  return {
    name: tier.name,
    kind: tier.kind ?? "chat",
    provider: tier.provider,
    baseUrl: tier.baseUrl ?? "",
    model: tier.model,
    apiKey: "",
    removeApiKey: false,
    inputUsdPerMTok: String(tier.inputUsdPerMTok),
    outputUsdPerMTok: String(tier.outputUsdPerMTok),
    timeoutMs: String(tier.timeoutMs),
    enabled: tier.enabled,
    options: JSON.stringify(tier.options, null, 2),
    ...capabilityFields(tier.capabilities ?? DEFAULT_CAPABILITIES),
    deployments: (tier.deployments ?? []).map((d) => ({ ...EMPTY_DEPLOYMENT, name: d.name, baseUrl: d.baseUrl, weight: String(d.weight), region: d.region ?? "", model: d.model ?? "" })),
  };
}

/**
 * True when saving would drop stored secrets: the base URL changed, and a stored header or a
 * stored key not typed again would go (the server drops the secrets of a tier that moves to
 * another address, lib/config/upstream-moved.ts).
 */
export function dropsStoredKey(tier: TierView | null, v: TierFormValues): boolean {
  if (!tier || v.baseUrl.trim() === (tier.baseUrl ?? "")) return false;
  return (!!tier.credentialHint && !v.apiKey) || Object.keys(tier.headerHints).length > 0;
}

/** What the warning under the base URL says when dropsStoredKey. */
export function droppedSecretsNote(tier: TierView, v: TierFormValues): string {
  const names = Object.keys(tier.headerHints);
  const parts = [
    ...(tier.credentialHint && !v.apiKey ? [`the stored key (${tier.credentialHint})`] : []),
    ...(names.length ? [`the stored headers (${names.join(", ")})`] : []),
  ];
  return `Changing the base URL drops ${parts.join(" and ")}: secrets are only sent to the address they were entered for. Enter them again in this change to keep them.`;
}

/** "" → undefined (the schema's default); "1.5" → 1.5; "abc" → the text (the schema says "Enter a number."). */
function numberOrText(text: string): number | string | undefined {
  const t = text.trim().replace(/^\$/, "");
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** The deployments as the API takes them: blanks left out (the schema's defaults), a key only when typed or removed. */
function deploymentsInput(rows: DeploymentFormRow[]) {
  return rows.map((r) => ({
    name: r.name.trim(),
    baseUrl: r.baseUrl.trim(),
    weight: numberOrText(r.weight),
    ...(r.region.trim() ? { region: r.region.trim() } : {}),
    ...(r.model.trim() ? { model: r.model.trim() } : {}),
    ...(r.apiKey ? { apiKey: r.apiKey } : r.removeApiKey ? { apiKey: null } : {}),
  }));
}

type Parsed = { ok: true; input: TierConfigInput } | { ok: false; errors: TierFormErrors };

export function parseTierForm(v: TierFormValues): Parsed {
  let options: unknown;
  try {
    options = v.options.trim() ? JSON.parse(v.options) : {};
  } catch {
    return { ok: false, errors: { options: "Not valid JSON. Use an object like {\"latency\": {\"medianMs\": 300}}." } };
  }
  const input = {
    name: v.name.trim(),
    kind: v.kind,
    provider: v.provider,
    ...(v.baseUrl.trim() ? { baseUrl: v.baseUrl.trim() } : {}),
    model: v.model.trim(),
    ...(v.apiKey ? { apiKey: v.apiKey } : {}),
    inputUsdPerMTok: numberOrText(v.inputUsdPerMTok),
    outputUsdPerMTok: numberOrText(v.outputUsdPerMTok),
    timeoutMs: numberOrText(v.timeoutMs),
    enabled: v.enabled,
    options,
    capabilities: {
      tools: v.canTools,
      vision: v.canVision,
      jsonSchema: v.canJsonSchema,
      contextTokens: numberOrText(v.contextTokens),
      maxOutputTokens: numberOrText(v.maxOutputTokens),
    },
    // hidden (and dropped) for tiers that cannot have any
    deployments: v.kind === "chat" && v.provider !== "simulated" ? deploymentsInput(v.deployments) : [],
  };
  const parsed = tierSchema.safeParse(input, { error: friendlyErrors });
  if (!parsed.success) return { ok: false, errors: issuesByPath(fieldIssues(parsed.error)) };
  return { ok: true, input: input as TierConfigInput };
}

/** The PATCH body for an edited tier: everything but the name, the key only when changed. */
export function tierPatchFrom(input: TierConfigInput, v: TierFormValues): TierPatch {
  const { name: _name, apiKey: _apiKey, baseUrl, options, capabilities, deployments: _parsed, ...settings } = tierSchema.parse(input);
  return {
    ...settings,
    // as entered (keys absent, typed, or null to remove), not as parsed
    deployments: (input.deployments ?? []) as Record<string, unknown>[],
    capabilities,
    baseUrl: baseUrl ?? null,
    options: options as Record<string, unknown>,
    ...(v.apiKey ? { apiKey: v.apiKey } : v.removeApiKey ? { apiKey: null } : {}),
  };
}
