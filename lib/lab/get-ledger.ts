/**
 * The ledger over a range, per policy and in total: one rollup query, one label query and the
 * stored config (each policy's verdict thresholds, tier order and price of a wrong answer).
 */
import { configFromRows } from "../config/config-from-rows";
import { readConfigRows } from "../db/config-repo";
import { labelCounts, ledgerRows, type LabelCounts } from "../db/ledger-repo";
import { tierOrder } from "../db/overview-repo";
import { shadowSpend } from "../db/shadow-repo";
import { AppError } from "../http/app-error";
import { lambdaForBias } from "../routing/bias-to-lambda";
import type { ConfigFile } from "../routing/config-schema";
import { verdictSchema } from "../routing/policy-options-schema";
import { resolvePolicyTiers } from "../routing/policy-tiers";
import { computeLedger, type Ledger } from "./ledger";

const DEFAULT_THRESHOLDS = verdictSchema.parse({});
const TOO_WEAK = "should-be-more-capable";

type Range = { from: Date; to: Date };

function randomLabels(labels: readonly LabelCounts[]) {
  const random = labels.filter((l) => l.sample === "random");
  return { sample: random.reduce((s, l) => s + l.n, 0), tooWeak: random.filter((l) => l.verdict === TOO_WEAK).reduce((s, l) => s + l.n, 0) };
}

type Shadow = Awaited<ReturnType<typeof shadowSpend>>;

function policyLedger(config: ConfigFile, name: string, range: Range, rows: Awaited<ReturnType<typeof ledgerRows>>, labels: readonly LabelCounts[], shadow: Shadow): Ledger {
  const policy = config.policies.find((p) => p.name === name);
  return computeLedger({
    policy: name,
    range,
    rows: rows.filter((r) => r.policy === name),
    thresholds: policy?.verdict ?? DEFAULT_THRESHOLDS,
    tierOrder: policy?.tiers ?? [],
    labels: randomLabels(labels.filter((l) => l.policy === name)),
    lambdaUsd: policy ? lambdaForBias(policy, resolvePolicyTiers(policy, config.tiers), policy.bias) : null,
    shadow: shadow.get(name),
  });
}

/** One policy's ledger. */
export async function getLedger(q: Range & { policy: string }): Promise<Ledger> {
  const range = { from: q.from, to: q.to };
  const [rows, labels, config, shadow] = await Promise.all([ledgerRows(range, q.policy), labelCounts(range, q.policy), readConfigRows().then(configFromRows), shadowSpend(range, q.policy)]);
  if (!config.policies.some((p) => p.name === q.policy) && rows.length === 0) throw new AppError("not_found", `No policy named "${q.policy}".`);
  return policyLedger(config, q.policy, range, rows, labels, shadow);
}

/** Every policy's ledger (the ones configured or seen in the range) and the total over all of them. */
export async function getLedgers(q: Range): Promise<{ total: Ledger; policies: Ledger[] }> {
  const range = { from: q.from, to: q.to };
  const [rows, labels, config, order, shadow] = await Promise.all([ledgerRows(range), labelCounts(range), readConfigRows().then(configFromRows), tierOrder(), shadowSpend(range)]);
  const names = [...new Set([...config.policies.map((p) => p.name), ...rows.map((r) => r.policy)])];
  const policies = names.map((name) => policyLedger(config, name, range, rows, labels, shadow)).sort((a, b) => b.requests - a.requests);
  const all = [...shadow.values()].reduce((t, s) => ({ pairs: t.pairs + s.pairs, usd: t.usd + s.usd }), { pairs: 0, usd: 0 });
  const total = computeLedger({ policy: null, range, rows, thresholds: DEFAULT_THRESHOLDS, tierOrder: order, labels: randomLabels(labels), lambdaUsd: null, shadow: all });
  return { total, policies };
}
