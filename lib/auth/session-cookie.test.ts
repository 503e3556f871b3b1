import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "../env";
import { isSecureRequest, readCookie, sessionCookieHeader, sessionIdOf } from "./session-cookie";

const req = (url: string, headers: Record<string, string> = {}) => ({ url, headers: new Headers(headers) });

describe("session cookie", () => {
  afterEach(() => {
    delete process.env.COOKIE_SECURE;
    (process.env as Record<string, string>).NODE_ENV = "test";
    resetEnvCache();
  });

  it("is httpOnly and SameSite=Lax, Secure only when asked", () => {
    const header = sessionCookieHeader("tok", { secure: false, maxAgeSeconds: 60 });
    expect(header).toBe("fd_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=60");
    expect(sessionCookieHeader("tok", { secure: true, maxAgeSeconds: 60 })).toMatch(/; Secure$/);
  });

  it("is Secure in production over https and on loopback, not over plain-http LAN", () => {
    (process.env as Record<string, string>).NODE_ENV = "production";
    resetEnvCache();
    expect(isSecureRequest(req("https://router.example.com/api/auth/sign-in"))).toBe(true);
    expect(isSecureRequest(req("http://10.0.0.5/x", { "x-forwarded-proto": "https", host: "router.example.com" }))).toBe(true);
    expect(isSecureRequest(req("http://localhost:3000/x", { host: "localhost:3000" }))).toBe(true);
    expect(isSecureRequest(req("http://10.0.0.5:3000/x", { host: "10.0.0.5:3000" }))).toBe(false);
  });

  it("is never Secure outside production unless forced", () => {
    expect(isSecureRequest(req("https://router.example.com/"))).toBe(false);
    process.env.COOKIE_SECURE = "always";
    resetEnvCache();
    expect(isSecureRequest(req("http://10.0.0.5/"))).toBe(true);
  });

  it("reads one cookie out of a Cookie header and hashes tokens for storage", () => {
    expect(readCookie("a=1; fd_session=abc%3D; b=2", "fd_session")).toBe("abc=");
    expect(readCookie("fd_sessionx=1", "fd_session")).toBeUndefined();
    expect(readCookie(null, "fd_session")).toBeUndefined();
    expect(sessionIdOf("abc")).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionIdOf("abc")).not.toBe(sessionIdOf("abd"));
  });
});
