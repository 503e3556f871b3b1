/**
 * The execution machine's own cost per request (lib/routing/execution), no I/O:
 *   - the machine alone: plan + start + events → result, for a plain request (one attempt), an
 *     escalated one (two attempts) and a hedge won by the small tier;
 *   - the real-time driver (lib/gateway/drivers/run-execution) around it with upstream calls
 *     that resolve at once: the machine plus the driver's promise plumbing;
 *   - the virtual-clock driver (run-virtual, the demo's and replay's): executions per second.
 * Medians of BENCH_ROUNDS (default 5) rounds of ITERATIONS each; prints numbers, asserts nothing.
 */
import { runExecution } from "../lib/gateway/drivers/run-execution";
import { decide } from "../lib/routing/decide";
import { Execution } from "../lib/routing/execution/execution";
import { planExecution } from "../lib/routing/execution/plan-execution";
import { runVirtual } from "../lib/routing/execution/run-virtual";
import type { ExecEnv, ExecEvent, ExecPlan } from "../lib/routing/execution/types";
import { makeCtx, makeSnapshot } from "../lib/routing/testing/fixtures";
import type { Decision } from "../lib/routing/types";
import { median } from "./lib/rounds";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const snapshot = makeSnapshot({
  tiers: ["small", "mid", "top"].map((name, i) => ({ name, provider: "simulated" as const, model: `${name}-model`, inputUsdPerMTok: 10 ** i, outputUsdPerMTok: 10 ** i })),
  policies: [{ name: "p", tiers: ["small", "mid", "top"], rules: [{ name: "all", match: { regex: "." }, tier: "small" }] }],
});
const decision = decide(snapshot, "p", { messages: [{ role: "user", content: "What is the capital of France?" }] }, makeCtx()) as Decision;
const hedged: Decision = { ...decision, hedge: { tier: "mid", delayMs: 100 } };
const env: ExecEnv = { now: () => 0, admit: () => true, budgetLeftUsd: () => Infinity };
const usage = { promptTokens: 20, completionTokens: 30 };
const sure = { content: "Paris.", finishReason: "stop" as const, logprobs: [-0.01, -0.02] };
const unsure = { content: "I'm not sure.", finishReason: "stop" };
const plan = (d: Decision): ExecPlan => planExecution(snapshot, d, { promptTokens: 20, live: false });

function plain() {
  const m = new Execution(plan(decision), env);
  m.start();
  return m.on({ type: "answered", leg: 0, answer: sure, usage }).result;
}

function escalated() {
  const m = new Execution(plan(decision), env);
  m.start();
  m.on({ type: "answered", leg: 0, answer: unsure, usage });
  return m.on({ type: "answered", leg: 1, answer: sure, usage }).result;
}

function hedgeWonBySmall() {
  const m = new Execution(plan(hedged), env);
  m.start();
  m.on({ type: "timer" } as ExecEvent);
  return m.on({ type: "answered", leg: 0, answer: sure, usage }).result;
}

function timeSync(fn: () => unknown): number {
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i++) fn();
  return ((performance.now() - started) * 1000) / ITERATIONS;
}

const io = { call: () => Promise.resolve({ answer: sure, usage }), answerOf: (r: { answer: typeof sure; usage: typeof usage }) => r };
const runtime = { reportOutcome: () => {} };
const signal = new AbortController().signal;

async function timeAsync(fn: () => Promise<unknown>, n = ITERATIONS / 4): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return ((performance.now() - started) * 1000) / n;
}

async function main() {
  const cases: Array<[string, () => Promise<number>]> = [
    ["machine, plain (1 attempt)", async () => timeSync(plain)],
    ["machine, escalated (2 attempts)", async () => timeSync(escalated)],
    ["machine, hedge won by the small tier", async () => timeSync(hedgeWonBySmall)],
    ["real-time driver + machine, plain (calls resolve at once)", () => timeAsync(() => runExecution(new Execution(plan(decision), { ...env, now: () => performance.now() }), io, signal, runtime, false))],
    ["virtual driver + machine, plain", () => timeAsync(() => runVirtual(plan(decision), env, () => ({ ms: 300, answer: sure, usage })))],
  ];
  for (const [, fn] of cases) await fn(); // warm-up
  console.log(`\nExecution machine (${ITERATIONS} iterations, medians of ${ROUNDS} rounds):`);
  for (const [label, fn] of cases) {
    const rounds: number[] = [];
    for (let r = 0; r < ROUNDS; r++) rounds.push(await fn());
    const us = median(rounds);
    console.log(`  ${label.padEnd(60)} ${us.toFixed(2).padStart(7)} µs per request  (${Math.round(1e6 / us).toLocaleString("en-US")} /s; rounds ${Math.min(...rounds).toFixed(2)}–${Math.max(...rounds).toFixed(2)})`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
