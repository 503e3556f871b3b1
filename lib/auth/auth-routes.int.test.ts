import { describe, expect, it } from "vitest";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import { POST as signOutRoute } from "../../app/api/auth/sign-out/route";
import { GET as sessionRoute } from "../../app/api/auth/session/route";
import { SIGN_IN_BODY_LIMIT_BYTES } from "./sign-in";
import { ACCOUNT_LIMIT } from "./sign-in-limits";
import { cookieFrom, jsonRequest, makeUser } from "../testing/requests";

const signIn = (body: unknown, headers?: Record<string, string>) => signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body, headers }));

describe("POST /api/auth/sign-in", () => {
  it("sets an httpOnly, SameSite=Lax session cookie for good credentials", async () => {
    const user = await makeUser("ops");
    const res = await signIn({ email: user.email.toUpperCase(), password: user.password });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^fd_session=[\w-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect((await res.json()).user).toMatchObject({ email: user.email, role: "ops" });
    const me = await sessionRoute(jsonRequest("GET", "/api/auth/session", { cookie: cookieFrom(res) }));
    expect(me.status).toBe(200);
    expect((await me.json()).user.email).toBe(user.email);
  });

  it("answers 401 for a wrong password or an unknown email, with the same message", async () => {
    const user = await makeUser("reviewer");
    const wrong = await signIn({ email: user.email, password: "not-the-password" });
    const unknown = await signIn({ email: "nobody@example.com", password: "whatever-123" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await wrong.json()).error.message).toBe((await unknown.json()).error.message);
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("rejects malformed bodies with a 400 that says what is wrong", async () => {
    const cases: Array<[string, Record<string, string>?]> = [
      ["{not json"],
      ["[]"],
      ['{"email":"x"}'],
      ['{"email":42,"password":"y"}'],
      [""],
      ['{"email":"a@b.co","password":"x"}', { "content-type": "text/plain" }],
    ];
    for (const [rawBody, headers] of cases) {
      const res = await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { rawBody, headers }));
      expect([400, 415], rawBody).toContain(res.status);
      expect((await res.json()).error.message.length).toBeGreaterThan(5);
    }
  });

  it("reads at most a few KB of a sign-in body (413 past SIGN_IN_BODY_LIMIT_BYTES)", async () => {
    const res = await signIn({ email: "someone@example.com", password: "x".repeat(SIGN_IN_BODY_LIMIT_BYTES) });
    expect(res.status).toBe(413);
    const chunk = new TextEncoder().encode(" ".repeat(1024));
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const streamed = await signInRoute(
      new Request("http://localhost:3000/api/auth/sign-in", { method: "POST", headers: { host: "localhost:3000", "content-type": "application/json" }, body, duplex: "half" } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(SIGN_IN_BODY_LIMIT_BYTES + 2 * chunk.byteLength);
  });

  it("locks an account after repeated failures, even for the right password", async () => {
    const user = await makeUser("owner");
    for (let i = 0; i < ACCOUNT_LIMIT.maxFailures - 1; i++) expect((await signIn({ email: user.email, password: "bad-guess" })).status).toBe(401);
    const locking = await signIn({ email: user.email, password: "bad-guess" });
    expect(locking.status).toBe(429);
    expect(Number(locking.headers.get("retry-after"))).toBeGreaterThan(60);
    const right = await signIn({ email: user.email, password: user.password });
    expect(right.status).toBe(429);
    expect((await right.json()).error.message).toMatch(/Too many failed sign-ins/);
  });

  it("refuses a sign-in posted from another site", async () => {
    const user = await makeUser("ops");
    const res = await signInRoute(
      jsonRequest("POST", "/api/auth/sign-in", { body: { email: user.email, password: user.password }, origin: "https://evil.example" }),
    );
    expect(res.status).toBe(403);
  });
});

describe("POST /api/auth/sign-out", () => {
  it("ends the session: the old cookie no longer works", async () => {
    const user = await makeUser("ops");
    const cookie = cookieFrom(await signIn({ email: user.email, password: user.password }));
    const out = await signOutRoute(jsonRequest("POST", "/api/auth/sign-out", { cookie }));
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    const me = await sessionRoute(jsonRequest("GET", "/api/auth/session", { cookie }));
    expect(me.status).toBe(401);
  });
});
