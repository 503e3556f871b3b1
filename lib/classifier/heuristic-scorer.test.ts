import { describe, expect, it } from "vitest";
import { createHeuristicClassifier, difficultyToProbabilities } from "./heuristic-scorer";

const ask = (content: string) => ({ messages: [{ role: "user" as const, content }] });

const EASY = ["hi!", "What are your opening hours?", "Thanks, bye", "What is the capital of France?"];
const HARD = [
  "Prove that there are infinitely many primes of the form 4k+3, and explain why the same argument fails for 4k+1. Then derive the density of such primes step by step.",
  "My Python function throws a TypeError. Can you debug it?\n```python\ndef f(x):\n    return x + '1'\nprint(f(2))\n```\nWhy does this happen, and how do I fix it?",
  "Compare PostgreSQL and MySQL for a write-heavy workload: what are the pros and cons, how does replication differ, and which would you choose and why?",
];

describe("createHeuristicClassifier", () => {
  it("identifies itself", () => {
    const c = createHeuristicClassifier(3);
    expect(c.id).toBe("builtin");
    expect(c.kind).toBe("heuristic");
    expect(c.tierCount).toBe(3);
  });

  it("rejects fewer than two tiers", () => {
    expect(() => createHeuristicClassifier(1)).toThrow(RangeError);
    expect(() => createHeuristicClassifier(2.5)).toThrow(RangeError);
  });

  it("scores greetings and FAQ asks low and multi-part reasoning or debugging high", () => {
    const c = createHeuristicClassifier(2);
    for (const p of EASY) expect(c.predict(ask(p))[0]).toBeLessThan(0.2);
    for (const p of HARD) expect(c.predict(ask(p))[0]).toBeGreaterThan(0.7);
  });

  it("returns N-1 non-increasing probabilities in (0,1) for any N", () => {
    for (const n of [2, 3, 4, 6]) {
      const c = createHeuristicClassifier(n);
      for (const p of [...EASY, ...HARD, ""]) {
        const v = c.predict(ask(p));
        expect(v).toHaveLength(n - 1);
        for (let k = 0; k < v.length; k++) {
          expect(v[k]).toBeGreaterThan(0);
          expect(v[k]).toBeLessThan(1);
          if (k > 0) expect(v[k]).toBeLessThanOrEqual(v[k - 1]);
        }
      }
    }
  });

  it("maps difficulty monotonically", () => {
    const lo = difficultyToProbabilities(-1, 4);
    const hi = difficultyToProbabilities(2, 4);
    lo.forEach((p, k) => expect(hi[k]).toBeGreaterThanOrEqual(p));
  });
});
