import { describe, expect, it } from "vitest";
import { signedIn, TEST_ORIGIN } from "@/lib/testing/requests";
import { POST } from "./route";

/** A body of `totalBytes` (one reused 1 MiB chunk of "x"), made as it is read; counts what was pulled. */
function lazyBody(totalBytes: number) {
  const chunk = new Uint8Array(1024 * 1024).fill(0x78);
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= totalBytes) return controller.close();
        counter.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

describe("POST /api/admin/datasets", () => {
  it("stops reading a chunked upload past 100 MB (413) instead of buffering it whole", async () => {
    const { cookie } = await signedIn("ops");
    const { stream, counter } = lazyBody(120 * 1024 * 1024);
    const req = new Request(`${TEST_ORIGIN}/api/admin/datasets?name=too-big-${Date.now()}`, {
      method: "POST",
      headers: { cookie, host: "localhost:3000", "content-type": "application/x-ndjson" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const res = await POST(req);
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/at most 100 MB/);
    expect(counter.pulled).toBeLessThanOrEqual(100 * 1024 * 1024 + 2 * 1024 * 1024);
  });

  it("refuses a declared Content-Length over 100 MB before reading", async () => {
    const { cookie } = await signedIn("ops");
    const { stream, counter } = lazyBody(1024 * 1024);
    const req = new Request(`${TEST_ORIGIN}/api/admin/datasets?name=declared-${Date.now()}`, {
      method: "POST",
      headers: { cookie, host: "localhost:3000", "content-length": String(101 * 1024 * 1024) },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect((await POST(req)).status).toBe(413);
    expect(counter.pulled).toBe(0);
  });
});
