import { describe, expect, it } from "vitest";
import { GET as requestsRoute } from "../../app/api/admin/requests/route";
import { requestFiltersSchema } from "../monitoring/request-filters";
import { createRng } from "../providers/simulated-random";
import { demoId } from "../demo/demo-schedule";
import { jsonRequest, signedIn } from "../testing/requests";
import { ensureRequestLogPartitions } from "./request-log-partitions";
import { insertRequestLogs, listRequests, type RequestLogInsert } from "./request-log-repo";
import type { SearchBudget } from "./search-request-log";

// A time range of its own, in the past, and a text no other test file writes.
const FROM = Date.UTC(2003, 6, 1);
const DAY = 86_400_000;
const TO = FROM + 10 * DAY;
const NEEDLE = "bounded-search-needle-q7";
// One window of three hours a call: the search has to come back many times.
const TINY: SearchBudget = { budgetMs: 0, firstWindowMs: 3 * 3_600_000 };

/** 600 haystack rows over ten days, and needles: two on the oldest day, one mid-way, one an error, two on a window's edge. */
function rows(): RequestLogInsert[] {
  const rng = createRng(11);
  const row = (at: number, prompt: string, status = "ok"): RequestLogInsert => ({
    id: demoId(at, rng), createdAt: new Date(at), policyName: "search-a", tierName: "fast", stage: "classifier", status, prompt, decision: {}, latency: {},
  });
  const out = Array.from({ length: 600 }, () => row(FROM + Math.floor(rng() * 10 * DAY), "an ordinary question about invoices"));
  out.push(row(FROM + 2 * 3_600_000, `old ${NEEDLE} one`), row(FROM + 3 * 3_600_000, `old ${NEEDLE.toUpperCase()} two`));
  out.push(row(FROM + 5 * DAY, `middle ${NEEDLE}`), row(FROM + 7 * DAY, `failed ${NEEDLE}`, "error"));
  // On the edge of a window (the tiny budget's windows end at TO - k × 3 h): searched once, not twice.
  out.push(row(FROM + 9 * DAY, `edge ${NEEDLE}`), row(FROM + 9 * DAY, `edge again ${NEEDLE}`));
  return out;
}

type Seen = { id: string; createdAt: Date };
type Page = Awaited<ReturnType<typeof listRequests>>;

/** Calls the list until the search says it is exhausted, every call through the API's own parsing. */
async function searchAll(query: Record<string, string>, limit: number, budget: SearchBudget) {
  const seen: Seen[] = [];
  const pages: Page[] = [];
  let cursor: string | null = null;
  for (let calls = 0; calls < 500; calls++) {
    const filters = requestFiltersSchema.parse({ from: new Date(FROM).toISOString(), to: new Date(TO).toISOString(), q: NEEDLE, ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
    const page = await listRequests(filters, budget);
    pages.push(page);
    seen.push(...page.items.map((r) => ({ id: r.id, createdAt: r.createdAt })));
    cursor = page.nextCursor;
    if (!cursor) return { seen, pages };
  }
  throw new Error("the search never said it was exhausted");
}

const newestFirst = (a: Seen, b: Seen) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : 1);

describe("the request list's bounded text search", () => {
  const data = rows();
  const needles = (keep: (r: RequestLogInsert) => boolean = () => true) =>
    data.filter((r) => r.prompt!.toLowerCase().includes(NEEDLE) && keep(r)).map((r) => ({ id: r.id!, createdAt: r.createdAt as Date })).sort(newestFirst);

  it("finds a rare text deep in the log across calls: newest first, each once, then says it is exhausted", async () => {
    await ensureRequestLogPartitions({ from: FROM, to: TO });
    expect(await insertRequestLogs(data)).toBe(data.length);
    const { seen, pages } = await searchAll({}, 50, TINY);
    expect(seen).toEqual(needles());
    expect(pages.length).toBeGreaterThan(10);
    // The first call searched only the newest three hours: nothing yet, but how far back it got and where to go on.
    expect(pages[0]!.items).toEqual([]);
    expect(pages[0]!.nextCursor).not.toBeNull();
    expect(pages[0]!.search).toMatchObject({ isExhausted: false });
    const backTo = pages.slice(0, -1).map((p) => p.search!.searchedBackTo!.getTime());
    expect(backTo).toEqual([...backTo].sort((a, b) => b - a));
    expect(new Set(backTo).size).toBe(backTo.length);
    expect(pages.at(-1)!.search).toEqual({ searchedBackTo: null, isExhausted: true });
  });

  it("ends a page at its last hit when a window holds more hits than the page", async () => {
    const wide: SearchBudget = { budgetMs: 0, firstWindowMs: 20 * DAY };
    const { seen, pages } = await searchAll({}, 1, wide);
    expect(seen).toEqual(needles());
    // Each page ends at its hit; the last one also reached the end of the range, so it needs no next call.
    expect(pages.map((p) => p.nextCursor)).toEqual([...seen.slice(0, -1).map((r) => `${r.createdAt.getTime()}_${r.id}`), null]);
  });

  it("combines with the other filters", async () => {
    expect((await searchAll({ status: "error" }, 50, TINY)).seen).toEqual(needles((r) => r.status === "error"));
    expect((await searchAll({ status: "ok", from: new Date(FROM + DAY).toISOString() }, 50, TINY)).seen).toEqual(needles((r) => r.status === "ok" && (r.createdAt as Date).getTime() >= FROM + DAY));
    expect((await searchAll({ policy: "search-b" }, 50, TINY)).seen).toEqual([]);
  });

  it("answers through the route with the search's state, and a bad cursor with 400", async () => {
    const { cookie } = await signedIn("ops");
    const range = `from=${new Date(FROM).toISOString()}&to=${new Date(TO).toISOString()}`;
    // With the real budget: every call answers, and following nextCursor ends with the search exhausted.
    const found: Array<{ id: string; promptSnippet: string }> = [];
    let page: { items: typeof found; nextCursor: string | null; search: unknown } | null = null;
    for (let calls = 0; calls < 50 && (!page || page.nextCursor); calls++) {
      const res = await requestsRoute(jsonRequest("GET", `/api/admin/requests?${range}&q=${NEEDLE}${page ? `&cursor=${page.nextCursor}` : ""}`, { cookie }));
      expect(res.status).toBe(200);
      page = await res.json();
      found.push(...page!.items);
    }
    expect(found.map((r) => r.id)).toEqual(needles().map((r) => r.id));
    expect(found[0]!.promptSnippet).toContain(NEEDLE);
    expect(page).toMatchObject({ nextCursor: null, search: { searchedBackTo: null, isExhausted: true } });
    const bad = await requestsRoute(jsonRequest("GET", `/api/admin/requests?${range}&q=${NEEDLE}&cursor=2003-07-01`, { cookie }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("cursor must be a nextCursor of this list");
  });
});
