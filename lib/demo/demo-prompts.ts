/**
 * The demo backfill's prompt pool: the RouteProfile benchmark prompts shipped in data/routing
 * (12 tasks, with each demo tier model's recorded answer and score) and a few everyday
 * questions. Logic-grid puzzles and the "hard" tasks are what the drift day of the week leans on.
 */
import { loadReplayRows } from "../providers/replay-datasets";

export const EVERYDAY = [
  "What are your opening hours?",
  "How do I reset my password?",
  "Thanks, that worked!",
  "Can you summarize our refund policy in one sentence?",
  "Where can I download last month's invoice?",
  "I was charged twice for my card and nobody answers my emails. This is unacceptable, fix it now.",
  "Compare PostgreSQL and MySQL for a write-heavy workload, step by step, and recommend one.",
  "Write a Python function that merges overlapping intervals, with tests.",
  "Translate 'Your order has shipped' into French and German.",
  "Draft a polite reply to a customer asking for a delivery date.",
];

const PUZZLES = "agentverse-logicgrid";
const HARD_TASKS = new Set(["gsm8k", "human_eval", "mbpp", "agentverse-mgsm"]);
/** The tasks a support desk's simple questions look like: short knowledge and common-sense
 *  questions the small demo model mostly answers right in the recorded outcomes. */
const SUPPORT_TASKS = new Set(["commonsense_qa", "openbook_qa", "arc_challenge", "commongen"]);

export type DemoPrompt = { text: string; task: string; isHard: boolean; fromDataset: boolean };

export function demoPrompts(): { all: DemoPrompt[]; puzzles: DemoPrompt[]; hard: DemoPrompt[]; everyday: DemoPrompt[]; support: DemoPrompt[] } {
  const rows = loadReplayRows("routeprofile");
  const dataset = rows.flatMap((r) => {
    if (!r.prompt || r.prompt.length > 6000) return [];
    const task = (r.id ?? "").replace(/^rp-/, "").replace(/-\d+$/, "");
    return [{ text: r.prompt, task, isHard: HARD_TASKS.has(task), fromDataset: true }];
  });
  const everyday = EVERYDAY.map((text) => ({ text, task: "everyday", isHard: /step by step|Python function/.test(text), fromDataset: false }));
  return {
    all: [...dataset, ...everyday],
    puzzles: dataset.filter((p) => p.task === PUZZLES),
    hard: dataset.filter((p) => p.isHard),
    everyday,
    support: dataset.filter((p) => SUPPORT_TASKS.has(p.task)),
  };
}
