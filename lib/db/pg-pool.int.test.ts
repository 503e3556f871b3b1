import { afterAll, describe, expect, it } from "vitest";
import { closePgPool, pgPool, withPgClient, withPgTransaction } from "./pg-pool";

afterAll(() => closePgPool());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("checked-out pg clients", () => {
  it("survive their connection being killed between two queries, and the pool replaces them", async () => {
    const pids: number[] = [];
    // Without a listener during the checkout, the 'error' the dead connection emits is unhandled
    // and kills the process (vitest reports it as an unhandled error and fails the run).
    await expect(
      withPgClient(async (client) => {
        const pid = Number((await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid);
        pids.push(pid);
        await pgPool().query("SELECT pg_terminate_backend($1)", [pid]);
        await sleep(300);
        await client.query("SELECT 1");
      }),
    ).rejects.toThrow();
    const after = Number((await pgPool().query("SELECT pg_backend_pid() AS pid")).rows[0].pid);
    expect(after).not.toBe(pids[0]);
    const alive = await pgPool().query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1", [pids[0]]);
    expect(alive.rows[0].n).toBe(0);
  });

  it("roll back a failed transaction and keep nothing of it", async () => {
    await pgPool().query(`CREATE TABLE IF NOT EXISTS pg_pool_test_rows (n int)`);
    try {
      await expect(
        withPgTransaction(async (client) => {
          await client.query("INSERT INTO pg_pool_test_rows VALUES (1)");
          throw new Error("halfway");
        }),
      ).rejects.toThrow("halfway");
      expect(await withPgTransaction(async (client) => (await client.query("INSERT INTO pg_pool_test_rows VALUES (2) RETURNING n")).rows[0].n)).toBe(2);
      const { rows } = await pgPool().query("SELECT n FROM pg_pool_test_rows ORDER BY n");
      expect(rows.map((r) => r.n)).toEqual([2]);
    } finally {
      await pgPool().query("DROP TABLE pg_pool_test_rows");
    }
  });
});
