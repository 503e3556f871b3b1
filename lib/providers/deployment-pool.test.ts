import { describe, expect, it } from "vitest";
import { DeploymentPool } from "./deployment-pool";
import { pickDeployment } from "./pick-deployment";
import { ProviderError } from "./provider-error";
import { createRng } from "./simulated-random";
import type { DeploymentTarget, ProviderTarget } from "./types";

function tier(weights: Record<string, number>): ProviderTarget {
  const base: ProviderTarget = { name: "t", provider: "openai", model: "m", timeoutMs: 1000 };
  const deployments: DeploymentTarget[] = Object.entries(weights).map(([name, weight]) => ({ name, weight, target: { ...base, baseUrl: `http://${name}.test/v1`, model: `m-${name}` } }));
  return { ...base, deployments };
}

function share(picks: string[], name: string) {
  return picks.filter((p) => p === name).length / picks.length;
}

const rateLimited = (retryAfterMs?: number) => new ProviderError({ kind: "http", status: 429, message: "upstream 429: slow down", retryAfterMs });

describe("pickDeployment", () => {
  it("shares by weight (3:1 → 75% ± 3% over 4000 picks, seeded)", () => {
    const rng = createRng(42);
    const picks = Array.from({ length: 4000 }, () => pickDeployment([{ name: "a", weight: 3, inFlight: 0 }, { name: "b", weight: 1, inFlight: 0 }], rng)!.name);
    expect(share(picks, "a")).toBeGreaterThan(0.72);
    expect(share(picks, "a")).toBeLessThan(0.78);
  });

  it("prefers fewer calls in flight per unit of weight (power of two choices)", () => {
    const rng = createRng(7);
    const pick = (a: [number, number], b: [number, number]) => pickDeployment([{ name: "a", weight: a[0], inFlight: a[1] }, { name: "b", weight: b[0], inFlight: b[1] }], rng)!.name;
    const many = (a: [number, number], b: [number, number]) => Array.from({ length: 500 }, () => pick(a, b));
    expect(new Set(many([1, 3], [1, 0]))).toEqual(new Set(["b"])); // equal weights: the idle one
    expect(new Set(many([3, 3], [1, 0]))).toEqual(new Set(["b"])); // 1 per weight vs 0
    expect(new Set(many([3, 1], [1, 1]))).toEqual(new Set(["a"])); // 1/3 vs 1: the heavier takes more
    // a tie (both idle) falls back to the weights
    expect(share(many([3, 0], [1, 0]), "a")).toBeGreaterThan(0.7);
  });

  it("keeps the weights' share under steady concurrent load (closed loop of 8, equal latency)", () => {
    const rng = createRng(11);
    const ds = [{ name: "a", weight: 3, inFlight: 0 }, { name: "b", weight: 1, inFlight: 0 }];
    const running: Array<{ d: (typeof ds)[number]; endsAt: number }> = [];
    const picks: string[] = [];
    for (let t = 0; picks.length < 4000; t++) {
      for (let i = running.length - 1; i >= 0; i--) if (running[i]!.endsAt <= t) running.splice(i, 1)[0]!.d.inFlight--;
      while (running.length < 8) {
        const d = pickDeployment(ds, rng)!;
        d.inFlight++;
        picks.push(d.name);
        running.push({ d, endsAt: t + 5 + Math.floor(rng() * 5) });
      }
    }
    expect(share(picks, "a")).toBeGreaterThan(0.71);
    expect(share(picks, "a")).toBeLessThan(0.79);
  });

  it("returns null for no candidate and the only one without drawing", () => {
    expect(pickDeployment([], () => 0.5)).toBeNull();
    expect(pickDeployment([{ name: "a", weight: 1, inFlight: 9 }], () => { throw new Error("no draw"); })?.name).toBe("a");
  });
});

describe("DeploymentPool", () => {
  it("counts in-flight calls: a second concurrent call goes to the idle deployment more often", async () => {
    const pool = new DeploymentPool({ rng: createRng(1) });
    const t = tier({ a: 1, b: 1 });
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    const first = { deployment: "", model: "", failovers: [] as string[] };
    const pending = [1, 2, 3].map(() => pool.call(t, () => hold, first));
    const busy = pool.snapshot([t]).map((d) => d.inFlight);
    expect(busy.reduce((x, y) => x + y)).toBe(3);
    release();
    await Promise.all(pending);
    expect(pool.snapshot([t]).every((d) => d.inFlight === 0)).toBe(true);
  });

  it("a 429 with Retry-After cools the deployment down until then (injected clock), the call moving on to another", async () => {
    let now = 1_000_000;
    const pool = new DeploymentPool({ now: () => now, rng: createRng(3) });
    const t = tier({ a: 1, b: 1 });
    const calls: string[] = [];
    const run = async (target: ProviderTarget) => {
      calls.push(target.model);
      if (target.model === "m-a") throw rateLimited(2000);
      return target.model;
    };
    const via = { deployment: "", model: "", failovers: [] as string[] };
    // until a is picked once, b answers; once a is picked it fails over to b in the same call
    for (let i = 0; i < 20 && !calls.includes("m-a"); i++) expect(await pool.call(t, run, via)).toBe("m-b");
    expect(calls).toContain("m-a");
    expect(via).toMatchObject({ deployment: "b", model: "m-b" });
    expect(via.failovers[0]).toMatch(/^a: upstream 429/);
    expect(pool.snapshot([t]).find((d) => d.name === "a")).toMatchObject({ status: "cooling", until: now + 2000 });
    // honoured: for the next 2 s, a is never called
    calls.length = 0;
    now += 1999;
    for (let i = 0; i < 30; i++) await pool.call(t, run, null);
    expect(calls.every((m) => m === "m-b")).toBe(true);
    // expired: a is called again
    now += 2;
    expect(pool.snapshot([t]).find((d) => d.name === "a")?.status).toBe("healthy");
    for (let i = 0; i < 30 && !calls.includes("m-a"); i++) await pool.call(t, run, null);
    expect(calls).toContain("m-a");
  });

  it("every deployment cooling: fails at once with a 429 carrying the soonest end, calling nobody", async () => {
    let now = 0;
    const pool = new DeploymentPool({ now: () => now, rng: createRng(5) });
    const t = tier({ a: 1, b: 1 });
    await expect(pool.call(t, () => Promise.reject(rateLimited(5000)), null)).rejects.toMatchObject({ status: 429 });
    expect(pool.snapshot([t]).map((d) => d.status)).toEqual(["cooling", "cooling"]);
    now = 1000;
    let called = false;
    const error = await pool.call(t, async () => (called = true), null).catch((e: ProviderError) => e);
    expect(called).toBe(false);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 4000 });
  });

  it("a non-moving failure (a 400) is the tier's answer: no failover; repeated connection errors eject, a success heals", async () => {
    let now = 0;
    const pool = new DeploymentPool({ now: () => now, rng: createRng(9), ejectAfter: 2, ejectMs: 10_000 });
    const t = tier({ a: 1, b: 1 });
    const seen: string[] = [];
    const bad = new ProviderError({ kind: "http", status: 400, message: "upstream 400: bad" });
    await expect(pool.call(t, async (x) => { seen.push(x.model); throw bad; }, null)).rejects.toBe(bad);
    expect(seen).toHaveLength(1);
    const refused = new ProviderError({ kind: "connection", message: "ECONNREFUSED" });
    const run = async (x: ProviderTarget) => { if (x.model === "m-a") throw refused; return x.model; };
    for (let i = 0; i < 40; i++) expect(await pool.call(t, run, null)).toBe("m-b");
    expect(pool.snapshot([t]).find((d) => d.name === "a")).toMatchObject({ status: "ejected", until: 10_000 });
    now = 10_001;
    await pool.call(t, async (x) => x.model, null);
    await pool.call(t, async (x) => x.model, null);
    pool.succeeded("t", "a");
    expect(pool.snapshot([t]).find((d) => d.name === "a")).toMatchObject({ status: "healthy", failuresInARow: 0 });
  });

  it("a tier without deployments calls its own target directly", async () => {
    const pool = new DeploymentPool();
    const plain: ProviderTarget = { name: "p", provider: "openai", model: "own", timeoutMs: 1000 };
    expect(await pool.call(plain, async (x) => x.model, null)).toBe("own");
    expect(pool.snapshot([plain])).toEqual([]);
  });
});
