import { randomInt } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import { clearThrottle } from "../db/throttle-repo";
import { db } from "../db/prisma";
import { resetEnvCache } from "../env";
import { CLIENT_IP_HEADER } from "../http/client-ip";
import { jsonRequest, makeUser } from "../testing/requests";
import { ACCOUNT_LIMIT } from "./sign-in-limits";

const signIn = (email: string, password: string, ip: string) =>
  signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email, password }, headers: { [CLIENT_IP_HEADER]: ip } }));

/** An address no other test uses (rows of the shared database outlive a test). */
const freshIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

const SUITE = { SIGN_IN_PER_IP_PER_MINUTE: process.env.SIGN_IN_PER_IP_PER_MINUTE, SIGN_IN_GLOBAL_PER_MINUTE: process.env.SIGN_IN_GLOBAL_PER_MINUTE };
function setLimits(limits: Partial<Record<keyof typeof SUITE, string>>) {
  Object.assign(process.env, limits);
  resetEnvCache();
}
afterEach(() => setLimits(SUITE as Record<keyof typeof SUITE, string>));

const attemptsOf = async (key: string) => (await db.signInThrottle.findUnique({ where: { key } }))?.attempts ?? 0;
const statuses = (responses: Response[]) => responses.map((r) => r.status).sort();

describe("sign-in limits", () => {
  it("locks an account only from the address that failed it: the admin signs in from elsewhere", async () => {
    const admin = await makeUser("admin");
    const attacker = freshIp();
    for (let i = 0; i < ACCOUNT_LIMIT.maxFailures - 1; i++) expect((await signIn(admin.email, "guess", attacker)).status).toBe(401);
    expect((await signIn(admin.email, "guess", attacker)).status).toBe(429);
    const refused = await signIn(admin.email, admin.password, attacker);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60);
    expect((await signIn(admin.email, admin.password, freshIp())).status).toBe(200);
  });

  it("counts every one of parallel failed attempts: at most 5 per account and address reach the password check", async () => {
    const user = await makeUser("ops");
    const ip = freshIp();
    const responses = await Promise.all(Array.from({ length: 12 }, () => signIn(user.email, "parallel-guess", ip)));
    // attempts 1–4: checked, 401; the 5th: checked, 429 (now locked); 6–12: refused before the check
    expect(statuses(responses)).toEqual([...Array(4).fill(401), ...Array(8).fill(429)]);
    expect(await attemptsOf(`account:${user.email}|${ip}`)).toBe(12);
    expect((await signIn(user.email, user.password, ip)).status).toBe(429);
  });

  it("refuses an address past SIGN_IN_PER_IP_PER_MINUTE with 429, Retry-After and the error shape; other addresses go on", async () => {
    setLimits({ SIGN_IN_PER_IP_PER_MINUTE: "3" });
    const ip = freshIp();
    const responses = await Promise.all(Array.from({ length: 6 }, (_, i) => signIn(`nobody-${i}@example.com`, "whatever", ip)));
    expect(statuses(responses)).toEqual([401, 401, 401, 429, 429, 429]);
    const refused = responses.find((r) => r.status === 429)!;
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({ error: { code: "rate_limited", message: expect.stringMatching(/Too many sign-in attempts from your address/) } });
    expect((await signIn("nobody@example.com", "whatever", freshIp())).status).toBe(401);
  });

  it("counts an IPv6 client by its /64", async () => {
    setLimits({ SIGN_IN_PER_IP_PER_MINUTE: "2" });
    const prefix = `2001:db8:${randomInt(65536).toString(16)}:${randomInt(65536).toString(16)}`;
    expect((await signIn("a@example.com", "whatever", `${prefix}::1`)).status).toBe(401);
    expect((await signIn("a@example.com", "whatever", `${prefix}::2`)).status).toBe(401);
    expect((await signIn("a@example.com", "whatever", `${prefix}:1:2:3:4`)).status).toBe(429);
  });

  it("bounds all addresses together by SIGN_IN_GLOBAL_PER_MINUTE, atomically, without counting what an address's own limit refused", async () => {
    await clearThrottle("global");
    setLimits({ SIGN_IN_GLOBAL_PER_MINUTE: "5", SIGN_IN_PER_IP_PER_MINUTE: "2" });
    const noisy = freshIp();
    const fromNoisy = await Promise.all(Array.from({ length: 8 }, () => signIn("nobody@example.com", "whatever", noisy)));
    expect(statuses(fromNoisy)).toEqual([401, 401, ...Array(6).fill(429)]);
    expect(await attemptsOf("global")).toBe(2);
    const spread = await Promise.all(Array.from({ length: 8 }, (_, i) => signIn(`someone-${i}@example.com`, "whatever", freshIp())));
    expect(statuses(spread)).toEqual([401, 401, 401, ...Array(5).fill(429)]);
    expect(await (spread.find((r) => r.status === 429)!).json()).toMatchObject({ error: { code: "rate_limited", message: expect.stringMatching(/right now/) } });
    await clearThrottle("global");
  });
});
