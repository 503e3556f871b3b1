/**
 * What a draft of a policy's rules would change on recent traffic, before it is published: the
 * policy's logged chat requests of the last `days`, newest first and at most `limit` of them
 * (keyset pages, so the cost is bounded however large the log), each run through the saved rules
 * and through the draft. Counted: requests whose rule outcome changes (another rule, another tier,
 * or rules ↔ classifier), and per new or changed draft rule the requests it would decide — with a
 * few sample prompts of each. The category is not logged, so a condition on it never holds here.
 * The full cost/quality estimate is the Lab's replay (a job); this is the cheap, synchronous part.
 * Speed (bench rule-impact): rules read only the latest user message, so only that is taken from
 * each transcript (latestUserOfTranscript), and each distinct message is matched once per call
 * (logged traffic repeats itself: FAQs, retries, templates); pages of 5,000 rows.
 */
import { streamRecentPrompts } from "../db/impact-repo";
import { AppError } from "../http/app-error";
import { canonicalJson } from "../routing/canonical-json";
import { compileRules, type CompiledRules } from "../routing/compile-rules";
import type { RuleConfig } from "../routing/config-schema";
import { matchRules } from "../routing/match-rules";
import { resolvePolicyTiers, usableTierNames } from "../routing/policy-tiers";
import { readRequestText } from "../routing/request-text";
import { latestUserOfTranscript } from "../routing/transcript";
import { rulesBodySchema } from "./config-schemas";
import { fieldIssues, friendlyErrors } from "./form-errors";
import { loadGatewayConfig } from "./load-gateway-config";
import { ruleListProblems } from "./manage-rules";

export const IMPACT_DAYS = 7;
export const IMPACT_LIMIT = 20_000;
const SAMPLES = 3;
const SAMPLE_CHARS = 160;
const PAGE_SIZE = 5000;

export type ImpactSample = { id: string; at: string; prompt: string; before: string; after: string };
export type RuleImpact = {
  days: number;
  limit: number;
  /** Requests read (newest first); equal to `limit` when older ones were left out. */
  scanned: number;
  /** Of those, requests whose prompt was not stored (not evaluated). */
  withoutPrompt: number;
  /** Requests whose outcome changes (another rule or tier, or rules ↔ classifier). */
  changed: number;
  changedSamples: ImpactSample[];
  /** Per new or changed draft rule: the requests it would decide under the draft. */
  rules: Array<{ rule: string; tier: string; matches: number; samples: ImpactSample[] }>;
};

type Touched = { rule: RuleConfig; matches: number; samples: ImpactSample[] };

const outcome = (hit: ReturnType<typeof matchRules>) => (hit ? `rule ${hit.rule.name} → ${hit.rule.tier}` : "no rule (classifier)");

function sample(id: string, at: Date, latestUser: string, before: string, after: string): ImpactSample {
  const prompt = latestUser.length > SAMPLE_CHARS ? `${latestUser.slice(0, SAMPLE_CHARS - 1)}…` : latestUser;
  return { id, at: at.toISOString(), prompt, before, after };
}

export async function ruleImpact(policyName: string, body: unknown, opts: { now?: Date; limit?: number } = {}): Promise<RuleImpact> {
  const parsed = rulesBodySchema.safeParse(body, { error: friendlyErrors });
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    throw new AppError("bad_request", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
  }
  const { snapshot } = await loadGatewayConfig();
  const policy = snapshot.policies.get(policyName);
  if (!policy) throw new AppError("not_found", `No policy named "${policyName}".`);
  const draftRules = parsed.data.rules;
  const problems = ruleListProblems(draftRules, policy.tiers);
  if (problems.length) throw new AppError("bad_request", problems.map((i) => `${i.path}: ${i.message}`).join("; "), { issues: problems });

  const saved = snapshot.compiled.get(policyName)!;
  const draft: CompiledRules = compileRules({ ...policy, rules: draftRules });
  const usable = usableTierNames(resolvePolicyTiers(policy, snapshot.tiers));
  const isUsable = (t: string) => usable.includes(t);
  const savedByName = new Map(policy.rules.map((r) => [r.name, canonicalJson(r)]));
  const touched = new Map<string, Touched>(
    draftRules.filter((r) => savedByName.get(r.name) !== canonicalJson(r)).map((r) => [r.name, { rule: r, matches: 0, samples: [] }]),
  );
  const limit = opts.limit ?? IMPACT_LIMIT;
  const since = new Date((opts.now ?? new Date()).getTime() - IMPACT_DAYS * 86_400_000);
  const result: RuleImpact = { days: IMPACT_DAYS, limit, scanned: 0, withoutPrompt: 0, changed: 0, changedSamples: [], rules: [] };

  // Outcomes by latest user message: a message seen before is not matched again.
  const seen = new Map<string, { was: string; will: string; mine: Touched | undefined }>();
  const notes: string[] = [];
  for await (const rows of streamRecentPrompts({ policy: policyName, since, limit }, PAGE_SIZE)) {
    for (const row of rows) {
      result.scanned += 1;
      if (row.prompt === null) {
        result.withoutPrompt += 1;
        continue;
      }
      const latestUser = latestUserOfTranscript(row.prompt);
      let known = seen.get(latestUser);
      if (!known) {
        const text = readRequestText([{ role: "user", content: latestUser }]);
        const before = matchRules(saved, { text }, isUsable, notes);
        const after = matchRules(draft, { text }, isUsable, notes);
        notes.length = 0;
        known = { was: outcome(before), will: outcome(after), mine: after ? touched.get(after.rule.name) : undefined };
        seen.set(latestUser, known);
      }
      const { was, will, mine } = known;
      if (was !== will) {
        result.changed += 1;
        if (result.changedSamples.length < SAMPLES) result.changedSamples.push(sample(row.id, row.createdAt, latestUser, was, will));
      }
      if (mine) {
        mine.matches += 1;
        if (mine.samples.length < SAMPLES) mine.samples.push(sample(row.id, row.createdAt, latestUser, was, will));
      }
    }
  }
  result.rules = [...touched.values()].map((t) => ({ rule: t.rule.name, tier: t.rule.tier, matches: t.matches, samples: t.samples }));
  return result;
}
