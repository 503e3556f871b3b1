"use client";

import { useMemo, useState, type FormEvent } from "react";
import { formatUsd } from "@/components/charts/format";
import { RequestTrace } from "@/components/requests/request-trace";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Field, TextInput } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import type { TestRouteInput } from "@/lib/config/config-schemas";
import type { TestRouteResult } from "@/lib/config/test-route";
import type { RuleConfig } from "@/lib/routing/config-schema";
import { isRejection, type Decision } from "@/lib/routing/types";
import { RuleExplanations } from "./rule-explanations";
import { useTestRoute } from "./use-rules";

const SAMPLE_PROMPT = "I was charged twice for my order and want to dispute the second charge.";

function summaryOf(result: TestRouteResult["result"]): string {
  return isRejection(result) ? `rejected (${result.rejected})` : `${result.tier} (${result.stage}${result.rule ? `: ${result.rule}` : ""})`;
}

/**
 * Type a request, see the decision the engine makes with the live config or, while there is one,
 * with the draft rules (unsaved); re-runs after every draft edit and every publish. Each rule says
 * why it matched or missed.
 */
export function TestBench({ policy, policyTiers, draft }: { policy: string; policyTiers: string[]; draft: RuleConfig[] | null }) {
  const [form, setForm] = useState({ prompt: SAMPLE_PROMPT, category: "", session: "", model: "" });
  const [input, setInput] = useState<TestRouteInput | null>(null);
  const [isLive, setLive] = useState(false);
  const useDraft = draft !== null && !isLive;
  const request = useMemo(() => (input && useDraft ? { ...input, rules: draft } : input), [input, useDraft, draft]);
  const bench = useTestRoute(policy, request);
  const [seen, setSeen] = useState<{ at: number; summary: string; input: TestRouteInput | null } | null>(null);
  const [change, setChange] = useState<string | null>(null);

  if (bench.data && !bench.isPlaceholderData && bench.dataUpdatedAt !== seen?.at) {
    const summary = summaryOf(bench.data.result);
    setChange(seen && seen.input === input && seen.summary !== summary ? `Decision changed with the ${useDraft ? "draft" : "live rules"}: ${seen.summary} → ${summary}` : null);
    setSeen({ at: bench.dataUpdatedAt, summary, input });
  }

  function run(event: FormEvent) {
    event.preventDefault();
    const text = (v: string) => (v.trim() ? v.trim() : undefined);
    setInput({ prompt: form.prompt, category: text(form.category), session: text(form.session), model: text(form.model) });
  }

  const field = (key: "category" | "session" | "model", label: string, placeholder: string) => (
    <Field label={label}>
      {({ id }) => <TextInput id={id} value={form[key]} placeholder={placeholder} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} />}
    </Field>
  );

  return (
    <section aria-label="Test bench" className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div>
        <h2 className="text-sm font-semibold text-slate-900">Test bench</h2>
        <p className="text-xs text-slate-500">
          The decision policy “{policy}” makes with {useDraft ? "the draft rules (not live)" : "the live config"} — no upstream call, nothing logged. All tiers assumed healthy.
        </p>
      </div>
      {draft && (
        <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
          <legend className="sr-only">Rules to test against</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name={`bench-target-${policy}`} checked={!isLive} onChange={() => setLive(false)} />
            Draft rules
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name={`bench-target-${policy}`} checked={isLive} onChange={() => setLive(true)} />
            Live rules
          </label>
        </fieldset>
      )}
      <form onSubmit={run} className="space-y-3">
        <Field label="Prompt">
          {({ id }) => (
            <textarea
              id={id}
              rows={4}
              value={form.prompt}
              onChange={(e) => setForm((f) => ({ ...f, prompt: e.target.value }))}
              className="block w-full rounded-md bg-white px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
            />
          )}
        </Field>
        <div className="grid grid-cols-3 gap-2">
          {field("category", "Category", "optional")}
          {field("session", "Session", "optional")}
          {field("model", "Model", "frontdesk/auto")}
        </div>
        <Button type="submit" isLoading={bench.isFetching} disabled={!form.prompt.trim()}>
          Run test
        </Button>
      </form>
      {change && <Alert variant="warning">{change}</Alert>}
      {!input ? (
        <p className="text-sm text-slate-500">Run a test to see the decision and its full trace.</p>
      ) : bench.isError ? (
        <ErrorState message={bench.error.message} onRetry={() => bench.refetch()} />
      ) : bench.data ? (
        <BenchResult data={bench.data} policyTiers={policyTiers} />
      ) : (
        <p role="status" className="text-sm text-slate-500">Deciding…</p>
      )}
    </section>
  );
}

function BenchResult({ data, policyTiers }: { data: TestRouteResult; policyTiers: string[] }) {
  const { result } = data;
  if (isRejection(result)) {
    return (
      <Alert variant="error">
        Rejected ({result.rejected}): {result.reason}
      </Alert>
    );
  }
  return (
    <div aria-label="Decision" role="region" aria-live="polite" className="space-y-4">
      <div className="flex flex-wrap items-center gap-2 rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
        <span className="text-sm text-slate-600">Routed to</span>
        <span data-testid="bench-tier" className="text-base font-semibold text-slate-900">
          {result.tier}
        </span>
        <span className="font-mono text-xs text-slate-500">{result.model}</span>
        <Badge tone={result.stage === "rule" ? "blue" : result.stage === "fallback" ? "red" : "slate"}>
          <span data-testid="bench-stage">{result.stage}</span>
        </Badge>
        {result.rule && <Badge tone="blue">rule: {result.rule}</Badge>}
      </div>
      <CostTable decision={result} policyTiers={policyTiers} />
      {result.hedge && (
        <p className="text-sm text-slate-700">
          Hedge: start <strong>{result.hedge.tier}</strong> in parallel after {result.hedge.delayMs} ms.
        </p>
      )}
      {data.warnings.length > 0 && (
        <ul className="list-disc pl-5 text-xs text-amber-800">
          {data.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <RuleExplanations rules={data.rules} isDraft={data.isDraft} />
      <RequestTrace decision={result} />
    </div>
  );
}

function CostTable({ decision, policyTiers }: { decision: Decision; policyTiers: string[] }) {
  const scores = decision.scores;
  if (!scores) return null;
  return (
    <DataTable variant="plain" caption="Expected cost and loss per tier" hasRowDividers={false} columns={["Tier", { label: "Expected cost", isNumeric: true }, { label: "Cost + λ·P(not enough)", isNumeric: true }]}>
      {policyTiers.map((tier, k) => (
        <tr key={tier} className={tier === decision.tier ? "font-semibold text-slate-900" : "text-slate-600"}>
          <td className="py-1 pr-3">{tier}</td>
          <td className="py-1 pr-3 text-right tabular-nums">{formatUsd(scores.costUsd[k])}</td>
          <td className="py-1 text-right tabular-nums">{formatUsd(scores.expectedLossUsd[k])}</td>
        </tr>
      ))}
    </DataTable>
  );
}
