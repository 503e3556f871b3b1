import { describe, expect, it } from "vitest";
import { requestFiltersSchema } from "../monitoring/request-filters";
import { createRng } from "../providers/simulated-random";
import { demoId } from "../demo/demo-schedule";
import { ensureRequestLogPartitions } from "./request-log-partitions";
import { insertRequestLogs, listRequests, type RequestLogInsert } from "./request-log-repo";

// A time range of its own, in the past: newest-first lists of other test files never reach it.
const FROM = Date.UTC(2002, 4, 1);
const TO = FROM + 3 * 86_400_000;
const TIERS = ["fast", "balanced", "capable"];
const STAGES = ["classifier", "escalation", "fallback", "rule"];
const PROMPTS = ["plain question", "find the needle here", "NEEDLE upper", "50%_off sale", "50 percent off"];

function rows(n: number, seed: number, span: [number, number]): RequestLogInsert[] {
  const rng = createRng(seed);
  const out: RequestLogInsert[] = [];
  while (out.length < n) {
    // Groups of up to three rows share one createdAt (one flush): the id breaks the tie.
    const at = span[0] + Math.floor(rng() * (span[1] - span[0]));
    const group = 1 + Math.floor(rng() * 3);
    for (let i = 0; i < group && out.length < n; i++) {
      out.push({
        // Decided up to two hours before it was logged (a queue that waited out an outage): id order is not createdAt order.
        id: demoId(at - Math.floor(rng() * 7_200_000), rng),
        createdAt: new Date(at),
        policyName: rng() < 0.6 ? "keyset-a" : "keyset-b",
        tierName: TIERS[Math.floor(rng() * 3)]!,
        stage: STAGES[Math.floor(rng() * 4)]!,
        status: rng() < 0.2 ? "error" : "ok",
        prompt: PROMPTS[Math.floor(rng() * PROMPTS.length)]!,
        decision: {},
        latency: {},
      });
    }
  }
  return out;
}

type Row = { id: string; createdAt: Date };
const newestFirst = (a: Row, b: Row) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);

/** Every page of the list for `query`, following nextCursor through the API's own parsing. */
async function allPages(query: Record<string, string>, limit: number, between?: () => Promise<void>) {
  const seen: Array<{ id: string; createdAt: Date }> = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const filters = requestFiltersSchema.parse({ from: new Date(FROM).toISOString(), to: new Date(TO).toISOString(), ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
    const page = await listRequests(filters);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items.map((r) => ({ id: r.id, createdAt: r.createdAt })));
    cursor = page.nextCursor;
    if (!cursor) return seen;
    await between?.();
  }
  throw new Error("no last page");
}

describe("the request list's keyset pagination", () => {
  const data = rows(160, 5, [FROM, FROM + 2 * 86_400_000]);
  const FILTERS: Array<[Record<string, string>, (r: RequestLogInsert) => boolean]> = [
    [{}, () => true],
    [{ policy: "keyset-b" }, (r) => r.policyName === "keyset-b"],
    [{ tier: "balanced" }, (r) => r.tierName === "balanced"],
    [{ stage: "escalation" }, (r) => r.stage === "escalation"],
    [{ status: "error" }, (r) => r.status === "error"],
    [{ q: "needle" }, (r) => /needle/i.test(r.prompt!)],
    [{ q: "50%_" }, (r) => r.prompt!.includes("50%_")],
    [{ policy: "keyset-a", tier: "fast", status: "ok" }, (r) => r.policyName === "keyset-a" && r.tierName === "fast" && r.status === "ok"],
    [{ from: new Date(FROM + 86_400_000).toISOString() }, (r) => (r.createdAt as Date).getTime() >= FROM + 86_400_000],
  ];

  it("pages through every filter newest first by (createdAt, id): each row once, none skipped", async () => {
    await ensureRequestLogPartitions({ from: FROM, to: TO });
    expect(await insertRequestLogs(data)).toBe(data.length);
    for (const [query, keep] of FILTERS) {
      const expected = data.filter(keep).map((r) => ({ id: r.id, createdAt: r.createdAt as Date })).sort(newestFirst);
      expect(expected.length, JSON.stringify(query)).toBeGreaterThan(2);
      for (const limit of [1, 7, 200]) expect(await allPages(query, limit), `${JSON.stringify(query)} by ${limit}`).toEqual(expected);
    }
  });

  it("stays stable while newer rows arrive between pages", async () => {
    const expected = data.map((r) => ({ id: r.id, createdAt: r.createdAt as Date })).sort(newestFirst);
    let batch = 0;
    const arrive = async () => {
      // Newer than anything listed so far (they belong before page 1), as live traffic would be.
      await insertRequestLogs(rows(3, 100 + batch++, [FROM + 2 * 86_400_000, TO]));
    };
    expect(await allPages({}, 9, arrive)).toEqual(expected);
  });

  it("refuses a cursor it did not write", () => {
    const parse = (cursor: string) => requestFiltersSchema.safeParse({ cursor });
    expect(parse("0190a0b0-0000-7000-8000-000000000000").success).toBe(false);
    expect(parse("12_not-an-id").success).toBe(false);
    const ok = parse("1020211200000_0190a0b0-0000-7000-8000-00000000000A");
    expect(ok.success && ok.data.cursor).toEqual({ at: new Date(1020211200000), id: "0190a0b0-0000-7000-8000-00000000000a" });
  });
});
