import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createChannelSchema, targetProblem } from "./channel-schemas";
import { retryDelayMs } from "./deliver-alerts";
import { signBody } from "./send-alert";

describe("channel targets", () => {
  it("takes http(s) URLs without credentials for webhooks and Slack", () => {
    expect(targetProblem("webhook", "https://hooks.example.com/x")).toBeNull();
    expect(targetProblem("slack", "http://10.0.0.5:8080/hook")).toBeNull(); // private addresses: as for tiers
    expect(targetProblem("webhook", "ftp://example.com")).toMatch(/http/);
    expect(targetProblem("webhook", "example.com/hook")).toMatch(/full URL/);
    expect(targetProblem("slack", "https://u:p@hooks.slack.com/x")).toMatch(/password/);
  });

  it("takes 1–10 comma-separated addresses for email", () => {
    expect(targetProblem("email", "a@example.com, b@example.com")).toBeNull();
    expect(targetProblem("email", " , ")).toMatch(/at least one/);
    expect(targetProblem("email", "a@example.com, nope")).toBe("Not an email address: nope");
    expect(targetProblem("email", Array.from({ length: 11 }, (_, i) => `u${i}@example.com`).join(","))).toMatch(/At most 10/);
  });

  it("requires a webhook's signing secret and removes duplicate kinds", () => {
    const missing = createChannelSchema.safeParse({ name: "h", kind: "webhook", target: "https://example.com" });
    expect(missing.success).toBe(false);
    expect(missing.error!.issues[0]!.path).toEqual(["secret"]);
    const ok = createChannelSchema.parse({ name: " h ", kind: "slack", target: "https://example.com", kinds: ["drift", "drift"] });
    expect(ok).toEqual({ name: "h", kind: "slack", target: "https://example.com", enabled: true, kinds: ["drift"] });
  });
});

describe("delivery", () => {
  it("signs the raw body with HMAC-SHA256 of the channel secret", () => {
    const body = '{"event":"test"}';
    expect(signBody(body, "k")).toBe(`sha256=${createHmac("sha256", "k").update(body).digest("hex")}`);
  });

  it("backs off exponentially", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1000))).toEqual([1000, 2000, 4000, 8000]);
  });
});
