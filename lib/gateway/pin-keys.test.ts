import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { GatewayKey } from "../config/load-gateway-config";
import { conversationKey, pinKeys } from "./prepare-request";
import { SessionPins, type PinStore } from "../state/session-pins";

const key = { id: "k1" } as GatewayKey;
const opening = [{ role: "system" as const, content: "You are an agent." }, { role: "user" as const, content: "Book a flight" }];
const laterStep = [...opening, { role: "assistant" as const, content: "" }, { role: "tool" as const, content: "{\"ok\":true}" }];

describe("where a request's pin lives", () => {
  it("is the session when the request names one, read and written", () => {
    expect(pinKeys(key, { messages: opening, sessionKey: "s1" }, "p")).toEqual({ lookup: "k1\u0000s1", store: "k1\u0000s1" });
  });

  it("is the conversation otherwise: written by every step, read only by a later step of the loop", () => {
    const first = pinKeys(key, { messages: opening }, "p");
    const next = pinKeys(key, { messages: laterStep }, "p");
    expect(first.lookup).toBeUndefined();
    expect(next.lookup).toBe(first.store);
    expect(next.store).toBe(first.store);
    // another policy or another opening is another conversation
    expect(pinKeys(key, { messages: laterStep }, "q").store).not.toBe(first.store);
    expect(conversationKey([{ role: "user", content: "Book a train" }])).not.toBe(conversationKey([{ role: "user", content: "Book a flight" }]));
    expect(conversationKey([{ role: "assistant", content: "hi" }])).toBeNull();
  });

  it("keeps the conversation key earlier versions stored (pins outlive a deploy in Redis)", () => {
    // the digest as it was computed before: message by message into one SHA-256
    const before = createHash("sha256");
    for (const m of opening) before.update(`${m.role}\u0000${m.content}\u0000`);
    expect(conversationKey(opening)).toBe(before.digest("base64url").slice(0, 22));
    expect(conversationKey([{ role: "developer", content: "ünïcode ✓" }, { role: "user", content: "日本語" }])).toHaveLength(22);
  });
});

describe("SessionPins with a shared store", () => {
  it("reads the store first, keeps its own pins when the store fails, and counts the failures", async () => {
    const shared = new Map<string, string>();
    let down = false;
    const store: PinStore = {
      get: async (k) => {
        if (down) throw new Error("down");
        return shared.get(k) ?? null;
      },
      set: async (k, tier) => {
        if (down) throw new Error("down");
        shared.set(k, tier);
      },
      close: async () => {},
    };
    const a = new SessionPins(10, 60_000, store);
    const b = new SessionPins(10, 60_000, store);
    a.set("x", "capable", 0);
    await Promise.resolve();
    expect(await b.lookup("x", 1)).toBe("capable"); // set on one instance, seen on the other
    b.set("x", "fast", 2);
    await Promise.resolve();
    expect(await a.lookup("x", 3)).toBe("fast"); // the store's pin, not a's own older one
    down = true;
    expect(await a.lookup("x", 4)).toBe("fast"); // its own copy stands in
    expect(a.remoteErrors).toBe(1);
  });
});
