import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createRng } from "../providers/simulated-random";
import { demoId } from "../demo/demo-schedule";
import { createTestDatabase } from "../testing/test-database";
import { databaseUrl } from "./embedded-postgres";
import { migrate, MIGRATIONS_DIR } from "./migrate";
import { insertRequestLogsWith, type RequestLogInsert } from "./request-log-repo";
import { dropExpiredRequestLogPartitions, ensureRequestLogPartitions, listRequestLogPartitions, maintainRequestLog, uuidv7Floor } from "./request-log-partitions";

const serverUrl = inject("pgServerUrl");
const PARTITIONING = "20261207010000_request_log_partitions";
const DAY = 86_400_000;
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  cleanups.push(() => client.end());
  return client;
}

/** Which table each row is stored in. */
async function homes(client: pg.Client, ids: string[]) {
  const { rows } = await client.query<{ id: string; home: string }>(`SELECT id, tableoid::regclass::text AS home FROM "RequestLog" WHERE id = ANY($1::uuid[])`, [ids]);
  return Object.fromEntries(rows.map((r) => [r.id, r.home.replaceAll('"', "")]));
}

function row(at: number, rng: () => number, extra: Partial<RequestLogInsert> = {}): RequestLogInsert {
  return { id: demoId(at, rng), createdAt: new Date(at), policyName: "default", tierName: "fast", stage: "classifier", status: "ok", decision: {}, latency: {}, costUsd: 0.001, totalMs: 100, ...extra };
}

describe("the partitioning migration", () => {
  it("converts a populated request log: every row, label and claim kept, each row in its day's partition", async () => {
    const name = `frontdesk_partition_${Date.now().toString(36)}`;
    const admin = await connect(serverUrl);
    await admin.query(`CREATE DATABASE "${name}"`);
    cleanups.push(() => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => {}));
    const url = databaseUrl(serverUrl, name);
    const before = mkdtempSync(path.join(tmpdir(), "frontdesk-migrations-"));
    for (const dir of readdirSync(MIGRATIONS_DIR).filter((d) => d < PARTITIONING)) cpSync(path.join(MIGRATIONS_DIR, dir), path.join(before, dir), { recursive: true });
    await migrate(url, { dir: before });
    rmSync(before, { recursive: true, force: true });

    const client = await connect(url);
    const rng = createRng(7);
    const days = [Date.UTC(2026, 10, 3, 10), Date.UTC(2026, 10, 4, 23, 59), Date.UTC(2026, 10, 9, 0, 0, 0, 1)];
    const rows = days.flatMap((at) => [row(at, rng, { prompt: "hello", scores: { p: [0.4] } }), row(at + 1000, rng, { status: "error", error: "boom" })]);
    const stray = { ...row(days[0]!, rng), id: "4b1d0c6e-12a4-4c3e-9f0a-5d2e8c7b6a10" }; // a UUIDv4: no day
    await insertRequestLogsWith(client, [...rows, stray]);
    await client.query(`INSERT INTO "Label" (id, "requestId", verdict) VALUES ($1, $2, 'correct')`, [demoId(days[0]!, rng), rows[0]!.id]);
    await client.query(`INSERT INTO "LabelClaim" ("requestId", "reviewerId", "expiresAt") VALUES ($1, $2, now())`, [rows[2]!.id, demoId(days[0]!, rng)]);
    const snapshot = async () => (await client.query(`SELECT * FROM "RequestLog" ORDER BY id`)).rows;
    const rowsBefore = await snapshot();
    expect(rowsBefore).toHaveLength(7);

    expect((await migrate(url)).applied[0]).toBe(PARTITIONING); // later migrations follow it

    expect(await snapshot()).toEqual(rowsBefore);
    const kind = await client.query(`SELECT relkind FROM pg_class WHERE relname = 'RequestLog'`);
    expect(kind.rows[0].relkind).toBe("p");
    const partitions = (await listRequestLogPartitions(client)).map((p) => p.name);
    expect(partitions).toEqual(expect.arrayContaining(["RequestLog_d20261103", "RequestLog_d20261104", "RequestLog_d20261109"]));
    const today = new Date().toISOString().slice(0, 10).replaceAll("-", "");
    expect(partitions).toContain(`RequestLog_d${today}`);
    expect(await homes(client, [rows[0]!.id, rows[2]!.id, rows[4]!.id, stray.id])).toEqual({
      [rows[0]!.id]: "RequestLog_d20261103",
      [rows[2]!.id]: "RequestLog_d20261104",
      [rows[4]!.id]: "RequestLog_d20261109",
      [stray.id]: "RequestLog_default",
    });
    // The foreign keys point at the new table: they refuse an unknown request and cascade a delete.
    expect((await client.query(`SELECT count(*)::int AS n FROM "Label"`)).rows[0].n).toBe(1);
    await expect(client.query(`INSERT INTO "Label" (id, "requestId", verdict) VALUES ($1, $2, 'correct')`, [demoId(days[0]!, rng), demoId(days[0]!, rng)])).rejects.toMatchObject({ code: "23503" });
    await client.query(`DELETE FROM "RequestLog" WHERE id = $1`, [rows[0]!.id]);
    expect((await client.query(`SELECT count(*)::int AS n FROM "Label"`)).rows[0].n).toBe(0);
    // A retried batch (same ids) writes nothing twice.
    expect(await insertRequestLogsWith(client, rows.slice(1))).toBe(0);
  });
});

describe("partitions ahead, the default partition and retention", () => {
  let client: pg.Client;
  beforeAll(async () => {
    const database = await createTestDatabase(serverUrl, "frontdesk_partitions");
    cleanups.push(database.drop);
    client = await connect(database.url);
  });

  it("creates the days asked for once; today's, tomorrow's and late rows all land, strays in the default partition", async () => {
    const today = Date.UTC(2030, 0, 10);
    const created = await ensureRequestLogPartitions({ from: today + 5 * 3_600_000, to: today + DAY }, client);
    expect(created).toEqual({ created: ["RequestLog_d20300110", "RequestLog_d20300111"], skipped: [] });
    expect(await ensureRequestLogPartitions({ from: today, to: today + DAY }, client)).toEqual({ created: [], skipped: [] });

    const rng = createRng(11);
    const first = row(today, rng);
    const last = row(today + DAY - 1, rng);
    const tomorrow = row(today + DAY + 3_600_000, rng);
    const late = row(today - 7 * DAY, rng); // written after its day had no partition
    const v4 = { ...row(today, rng), id: "0f0e0d0c-0b0a-4908-8706-050403020100" };
    expect(await insertRequestLogsWith(client, [first, last, tomorrow, late, v4])).toBe(5);
    expect(await homes(client, [first.id, last.id, tomorrow.id, late.id, v4.id])).toEqual({
      [first.id]: "RequestLog_d20300110",
      [last.id]: "RequestLog_d20300110",
      [tomorrow.id]: "RequestLog_d20300111",
      [late.id]: "RequestLog_default",
      [v4.id]: "RequestLog_default",
    });
    // The late row's day cannot get a partition while its row sits in the default one: skipped, not failed.
    expect(await ensureRequestLogPartitions({ from: today - 7 * DAY, to: today - 6 * DAY }, client)).toEqual({ created: ["RequestLog_d20300104"], skipped: ["RequestLog_d20300103"] });
    expect(uuidv7Floor(today)).toBe("01b9091e-f000-0000-0000-000000000000");
  });

  it("drops exactly the days older than the retention, with their labels; rollups unchanged; newer days untouched", async () => {
    const first = Date.UTC(2030, 1, 1);
    await ensureRequestLogPartitions({ from: first, to: first + 9 * DAY }, client);
    const rng = createRng(12);
    const byDay = Array.from({ length: 10 }, (_, d) => Array.from({ length: 10 }, (_, i) => row(first + d * DAY + i * 3_600_000, rng, { tierName: i % 2 ? "fast" : "capable", costUsd: (d + 1) / 1000 })));
    expect(await insertRequestLogsWith(client, byDay.flat())).toBe(100);
    for (const d of [0, 8]) await client.query(`INSERT INTO "Label" (id, "requestId", verdict) VALUES ($1, $2, 'correct')`, [demoId(first, rng), byDay[d]![0]!.id]);
    await client.query(`INSERT INTO "LabelClaim" ("requestId", "reviewerId", "expiresAt") VALUES ($1, $2, now())`, [byDay[1]![0]!.id, demoId(first, rng)]);
    const rollups = async () => (await client.query(`SELECT * FROM "RequestRollup" ORDER BY bucket, policy, tier, stage, status`)).rows;
    const rollupsBefore = await rollups();
    expect(rollupsBefore.length).toBeGreaterThan(0);
    const partitionsBefore = (await listRequestLogPartitions(client)).map((p) => p.name);

    // Cut-off inside Feb 6: Feb 1–5 ended before it and go; Feb 6 (partly newer) stays.
    const result = await dropExpiredRequestLogPartitions(new Date(Date.UTC(2030, 1, 6, 12)), client);
    const expired = ["RequestLog_d20300201", "RequestLog_d20300202", "RequestLog_d20300203", "RequestLog_d20300204", "RequestLog_d20300205"];
    const earlier = partitionsBefore.filter((n) => n < "RequestLog_d20300201"); // the January days of the test above
    expect(result.dropped.sort()).toEqual([...earlier, ...expired].sort());
    expect(result.strays).toBe(2); // the late row and the UUIDv4 of January, in the default partition
    const left = (await listRequestLogPartitions(client)).map((p) => p.name).sort();
    expect(left).toEqual(partitionsBefore.filter((n) => !result.dropped.includes(n)).sort());
    expect(left).toEqual(expect.arrayContaining(["RequestLog_d20300206", "RequestLog_d20300210"]));

    const remaining = await client.query<{ id: string }>(`SELECT id FROM "RequestLog" ORDER BY id`);
    expect(remaining.rows.map((r) => r.id)).toEqual(byDay.slice(5).flat().map((r) => r.id).sort());
    const labels = await client.query<{ requestId: string }>(`SELECT "requestId" FROM "Label"`);
    expect(labels.rows).toEqual([{ requestId: byDay[8]![0]!.id }]);
    expect((await client.query(`SELECT count(*)::int AS n FROM "LabelClaim"`)).rows[0].n).toBe(0);
    expect(await rollups()).toEqual(rollupsBefore);

    // A late row for a dropped day still lands (in the default partition), and the next run takes it.
    const straggler = row(first + 3_600_000, rng, { createdAt: new Date(first + 3_600_000) });
    expect(await insertRequestLogsWith(client, [straggler])).toBe(1);
    expect(await homes(client, [straggler.id])).toEqual({ [straggler.id]: "RequestLog_default" });
    expect(await dropExpiredRequestLogPartitions(new Date(Date.UTC(2030, 1, 6, 12)), client)).toEqual({ dropped: [], strays: 1 });
  });
});

describe("the runtime's maintenance step", () => {
  it("creates the days ahead once, and steps aside while another instance holds the maintenance lock", async () => {
    const now = Date.UTC(2031, 5, 30, 22);
    expect(await maintainRequestLog({ now, daysAhead: 2 })).toEqual({ created: ["RequestLog_d20310630", "RequestLog_d20310701", "RequestLog_d20310702"], skipped: [], dropped: [], strays: 0 });
    expect((await maintainRequestLog({ now, daysAhead: 2 })).created).toEqual([]);
    const other = await connect(process.env.DATABASE_URL!);
    await other.query("SELECT pg_advisory_lock(72707371)");
    expect(await maintainRequestLog({ now: now + 10 * DAY, daysAhead: 0 })).toEqual({ created: [], skipped: [], dropped: [], strays: 0 });
    await other.query("SELECT pg_advisory_unlock(72707371)");
    expect((await maintainRequestLog({ now: now + 10 * DAY, daysAhead: 0 })).created).toEqual(["RequestLog_d20310710"]);
  });
});
