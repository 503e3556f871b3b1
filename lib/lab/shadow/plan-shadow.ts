/**
 * Shadow evaluation, the pure part: whether a live request is shadowed (the policy's rate, its
 * daily USD cap not reached), which tier shadows it, the judge's prompt and how its answer reads,
 * and equality for tool calls and JSON answers (no judge needed there).
 */
import type { PolicyConfig, TierConfig } from "../../routing/config-schema";

export type ShadowSettings = PolicyConfig["shadow"];

/** The daily cap as run-shadow uses it: this process's ShadowBudget, or one shared by instances (lib/state/shared-daily-caps). */
export interface ShadowCap {
  take(policy: string, capUsd: number, estimateUsd: number, now: number): boolean | Promise<boolean>;
  settle(policy: string, estimateUsd: number, actualUsd: number, now: number): void;
}

/** Spend per policy and UTC day, per process (with REDIS_URL the gateway shares it: lib/state/shared-daily-caps). */
export class ShadowBudget implements ShadowCap {
  private day = "";
  private readonly spentUsd = new Map<string, number>();

  private roll(now: number) {
    const day = new Date(now).toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.spentUsd.clear();
    }
  }

  /** Reserves `estimateUsd` of the policy's day when its cap allows it. */
  take(policy: string, capUsd: number, estimateUsd: number, now: number): boolean {
    this.roll(now);
    const spent = this.spentUsd.get(policy) ?? 0;
    if (spent + estimateUsd > capUsd) return false;
    this.spentUsd.set(policy, spent + estimateUsd);
    return true;
  }

  /** Replaces a reservation by what the calls cost. */
  settle(policy: string, estimateUsd: number, actualUsd: number, now: number) {
    this.roll(now);
    this.spentUsd.set(policy, (this.spentUsd.get(policy) ?? 0) + actualUsd - estimateUsd);
  }

  spent(policy: string, now: number): number {
    this.roll(now);
    return this.spentUsd.get(policy) ?? 0;
  }
}

/** The tier that shadows an answer from `served`: the next enabled one up ("next") or the named one; null when none fits.
 *  `canServe` leaves out tiers without the capabilities the request needs (check-capabilities.ts). */
export function shadowTier(
  policy: Pick<PolicyConfig, "tiers" | "shadow">,
  tiers: ReadonlyMap<string, Pick<TierConfig, "enabled">>,
  served: string,
  canServe: (tier: string) => boolean = () => true,
): string | null {
  const enabled = (t: string) => tiers.get(t)?.enabled === true && canServe(t);
  if (policy.shadow.target !== "next") return policy.shadow.target !== served && enabled(policy.shadow.target) ? policy.shadow.target : null;
  const at = policy.tiers.indexOf(served);
  return policy.tiers.slice(at + 1).find(enabled) ?? null;
}

/** The judge: the policy's named judge tier, else its most capable enabled tier. */
export function judgeTier(policy: Pick<PolicyConfig, "tiers" | "shadow">, tiers: ReadonlyMap<string, Pick<TierConfig, "enabled">>): string | null {
  if (policy.shadow.judgeTier && tiers.get(policy.shadow.judgeTier)?.enabled) return policy.shadow.judgeTier;
  return [...policy.tiers].reverse().find((t) => tiers.get(t)?.enabled) ?? null;
}

/** A and B are shown in a random order, so the judge's position bias does not favour one tier. */
export function judgePrompt(request: string, first: string, second: string, rubric: string): string {
  return [
    "You compare two answers to the same request.",
    `Request:\n<<<\n${request.slice(0, 20_000)}\n>>>`,
    `Answer A:\n<<<\n${first.slice(0, 20_000)}\n>>>`,
    `Answer B:\n<<<\n${second.slice(0, 20_000)}\n>>>`,
    rubric,
  ].join("\n\n");
}

/** A pair's verdict says the served answer was not enough: the tier above's answer won, or its tool calls / JSON differed. */
export function servedLost(verdict: string): boolean {
  return verdict === "shadow-better" || verdict === "different";
}

/** The judge's answer → A, B or TIE: its first word, or "answer A/B" where it explains; null when it said something else
 *  (a word "a" inside a sentence is not a verdict). */
export function readVerdict(text: string): "A" | "B" | "TIE" | null {
  const upper = text.trim().toUpperCase();
  const match = /^(TIE|A|B)\b/.exec(upper) ?? /\bANSWER (A|B)\b/.exec(upper);
  return match ? (match[1] as "A" | "B" | "TIE") : null;
}

export type ComparableAnswer = { content: string; toolCalls?: Array<{ function: { name: string; arguments: string } }> };

/** Tool calls (names and parsed arguments) or JSON answers, compared exactly; null when neither is structured. */
export function structuredEqual(a: ComparableAnswer, b: ComparableAnswer, json: boolean): boolean | null {
  const calls = (x: ComparableAnswer) => (x.toolCalls ?? []).map((c) => ({ name: c.function.name, args: parse(c.function.arguments) }));
  if (a.toolCalls?.length || b.toolCalls?.length) return canonical(calls(a)) === canonical(calls(b));
  if (!json) return null;
  const pa = parse(a.content);
  const pb = parse(b.content);
  return pa !== INVALID && pb !== INVALID && canonical(pa) === canonical(pb);
}

const INVALID = Symbol("invalid");
function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return INVALID;
  }
}

/** JSON with object keys sorted: equal values, equal text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y))) : v));
}
