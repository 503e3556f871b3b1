import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "./app-error";
import { parseBody, readJson } from "./parse-body";

const post = (body: BodyInit, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://x/api", { method: "POST", body, headers });

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof AppError ? `${error.status} ${error.code}` : "other";
  }
}

describe("readJson / parseBody", () => {
  it("parses JSON objects", async () => {
    expect(await readJson(post('{"a":1}'))).toEqual({ a: 1 });
  });

  it("maps every malformed body to a 4xx", async () => {
    expect(await codeOf(readJson(post("{nope")))).toBe("400 bad_request");
    expect(await codeOf(readJson(post("")))).toBe("400 bad_request");
    expect(await codeOf(readJson(post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))))).toBe("400 bad_request");
    expect(await codeOf(readJson(post("{}", { "content-type": "text/plain" })))).toBe("415 unsupported_media_type");
    expect(await codeOf(readJson(post(JSON.stringify({ s: "x".repeat(2000) })), 1000))).toBe("413 payload_too_large");
  });

  it("stops reading a chunked body at the limit instead of buffering it whole", async () => {
    const chunk = new TextEncoder().encode(`"${"x".repeat(16 * 1024 - 2)}"`);
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 8 * 1024 * 1024) return controller.close(); // "endless" for the reader; finite so a buffering one fails instead of hanging
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    const req = new Request("http://x/api", { method: "POST", body: endless, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    expect(await codeOf(readJson(req, 64 * 1024))).toBe("413 payload_too_large");
    expect(pulled).toBeLessThanOrEqual(64 * 1024 + 2 * chunk.byteLength);
    expect(cancelled).toBe(true);
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>({ pull: () => void (pulled = true) }, { highWaterMark: 0 });
    const req = new Request("http://x/api", { method: "POST", body, headers: { "content-type": "application/json", "content-length": "5000" }, duplex: "half" } as RequestInit);
    expect(await codeOf(parseBody(req, z.object({}), { limitBytes: 4096 }))).toBe("413 payload_too_large");
    expect(pulled).toBe(false);
  });

  it("reports schema problems with their paths", async () => {
    const schema = z.object({ n: z.number(), s: z.string() });
    try {
      await parseBody(post('{"n":"1"}'), schema);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).issues?.map((i) => i.path)).toEqual(["n", "s"]);
    }
  });
});
