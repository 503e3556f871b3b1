/**
 * The intent stage's verdict for one request: the model's prediction read against the policy's
 * `intent` options. A confident in-scope intent whose name (or, failing that, its domain as
 * "domain:<domain>") is mapped names a tier; unmapped or below `minConfidence` is a miss (the
 * classifier decides); out of scope means the router is unsure.
 */
import type { PolicyConfig } from "./config-schema";
import { formatP } from "./trace";
import type { IntentPrediction } from "./types";

export type IntentVerdict =
  | { kind: "mapped"; tier: string; key: string; reason: string; detail: string }
  | { kind: "miss"; detail: string }
  | { kind: "out-of-scope"; detail: string };

export function matchIntent(options: PolicyConfig["intent"], prediction: IntentPrediction, usable: readonly string[]): IntentVerdict {
  const { intent, domain, p } = prediction;
  const what = `"${intent}"${domain ? ` (domain ${domain})` : ""} p ${formatP(p)}`;
  if (prediction.outOfScope) return { kind: "out-of-scope", detail: `out of scope: best guess ${what}` };
  if (p < options.minConfidence) return { kind: "miss", detail: `${what} < minConfidence ${options.minConfidence}` };
  const key = Object.hasOwn(options.map, intent) ? intent : domain !== undefined && Object.hasOwn(options.map, `domain:${domain}`) ? `domain:${domain}` : null;
  if (key === null) return { kind: "miss", detail: `${what}: not mapped` };
  const tier = options.map[key]!;
  if (!usable.includes(tier)) return { kind: "miss", detail: `${what} → ${tier}, which is not a usable tier of this policy` };
  const via = key === intent ? "" : ` (${key})`;
  return { kind: "mapped", tier, key, detail: `${what} → ${tier}${via}`, reason: `Intent "${intent}"${via} (p ${formatP(p)}) → ${tier}.` };
}
