import { afterEach, describe, expect, it } from "vitest";
import { GET as sessionRoute } from "../../app/api/auth/session/route";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import { db } from "../db/prisma";
import { resetEnvCache } from "../env";
import { CLIENT_IP_HEADER } from "../http/client-ip";
import { jsonRequest, makeUser } from "../testing/requests";
import { pruneAuthRows } from "./prune-auth-rows";
import { newSessionToken, SESSION_COOKIE, sessionIdOf } from "./session-cookie";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A session row as sign-in would have left it, `ageMs` after its sign-in, last used `idleMs` ago. */
async function sessionRow(userId: string, opts: { ageMs: number; idleMs?: number; expiresInMs?: number }) {
  const token = newSessionToken();
  const now = Date.now();
  await db.session.create({
    data: {
      id: sessionIdOf(token),
      userId,
      createdAt: new Date(now - opts.ageMs),
      lastSeenAt: new Date(now - (opts.idleMs ?? 0)),
      expiresAt: new Date(now + (opts.expiresInMs ?? 7 * DAY)),
    },
  });
  return { id: sessionIdOf(token), cookie: `${SESSION_COOKIE}=${token}` };
}

const me = (cookie: string) => sessionRoute(jsonRequest("GET", "/api/auth/session", { cookie }));
const rowOf = (id: string) => db.session.findUnique({ where: { id } });

const SUITE_MAX_AGE = process.env.SESSION_MAX_AGE_DAYS;
afterEach(() => {
  if (SUITE_MAX_AGE === undefined) delete process.env.SESSION_MAX_AGE_DAYS;
  else process.env.SESSION_MAX_AGE_DAYS = SUITE_MAX_AGE;
  resetEnvCache();
});

describe("session lifetime", () => {
  // First in the file: the background prune runs at most every 10 minutes per process (module).
  it("prunes over-age sessions in the background when someone signs in", async () => {
    const user = await makeUser("ops");
    const overAge = await sessionRow(user.id, { ageMs: 40 * DAY });
    const res = await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: user.email, password: user.password }, headers: { [CLIENT_IP_HEADER]: "192.0.2.11" } }));
    expect(res.status).toBe(200);
    await expect.poll(() => rowOf(overAge.id)).toBeNull();
  });

  it("refuses and deletes a session older than SESSION_MAX_AGE_DAYS (30) however active it was", async () => {
    const user = await makeUser("ops");
    const old = await sessionRow(user.id, { ageMs: 31 * DAY, idleMs: 60_000 });
    expect((await me(old.cookie)).status).toBe(401);
    expect(await rowOf(old.id)).toBeNull();
    const young = await sessionRow(user.id, { ageMs: 29 * DAY, idleMs: 60_000 });
    expect((await me(young.cookie)).status).toBe(200);
  });

  it("extends an idle session only up to its absolute end", async () => {
    const user = await makeUser("ops");
    const s = await sessionRow(user.id, { ageMs: 29.5 * DAY, idleMs: HOUR, expiresInMs: HOUR });
    expect((await me(s.cookie)).status).toBe(200);
    const row = (await rowOf(s.id))!;
    expect(row.expiresAt.getTime()).toBe(row.createdAt.getTime() + 30 * DAY);
  });

  it("takes SESSION_MAX_AGE_DAYS from the environment, and caps a new session's cookie by it", async () => {
    process.env.SESSION_MAX_AGE_DAYS = "0.25";
    resetEnvCache();
    const user = await makeUser("ops");
    const s = await sessionRow(user.id, { ageMs: 7 * HOUR });
    expect((await me(s.cookie)).status).toBe(401);
    const res = await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: user.email, password: user.password }, headers: { [CLIENT_IP_HEADER]: "192.0.2.10" } }));
    expect(res.status).toBe(200);
    const maxAge = Number(/Max-Age=(\d+)/.exec(res.headers.get("set-cookie")!)![1]);
    expect(maxAge).toBeLessThanOrEqual(6 * 3600);
    expect(maxAge).toBeGreaterThan(6 * 3600 - 60);
  });

  it("prunes expired and over-age sessions and stale sign-in counters, keeping live ones", async () => {
    const user = await makeUser("reviewer");
    const expired = await sessionRow(user.id, { ageMs: DAY, expiresInMs: -60_000 });
    const overAge = await sessionRow(user.id, { ageMs: 31 * DAY });
    const live = await sessionRow(user.id, { ageMs: DAY });
    const stale = new Date(Date.now() - 16 * 60_000);
    await db.signInThrottle.createMany({
      data: [
        { key: "ip:prune-test-stale", attempts: 3, windowStart: stale },
        { key: "ip:prune-test-live", attempts: 3, windowStart: new Date() },
      ],
    });
    const pruned = await pruneAuthRows();
    expect(pruned.sessions).toBeGreaterThanOrEqual(2);
    expect(pruned.throttles).toBeGreaterThanOrEqual(1);
    expect(await rowOf(expired.id)).toBeNull();
    expect(await rowOf(overAge.id)).toBeNull();
    expect(await rowOf(live.id)).not.toBeNull();
    expect(await db.signInThrottle.findUnique({ where: { key: "ip:prune-test-stale" } })).toBeNull();
    expect(await db.signInThrottle.findUnique({ where: { key: "ip:prune-test-live" } })).not.toBeNull();
  });
});
