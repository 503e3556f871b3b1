import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpServer, type HttpLimits } from "./create-http-server";

const LIMITS: HttpLimits = { maxConnections: 2, requestTimeoutMs: 1200, headersTimeoutMs: 400, keepAliveTimeoutMs: 5000 };
let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

async function listen(limits: HttpLimits) {
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on("end", () => res.end("ok"));
  }, limits);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  close = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return (server.address() as AddressInfo).port;
}

/** Opens a socket, writes `data`, and resolves with what came back and how long until the server closed it (null: still open at `waitMs`). */
function probe(port: number, data: string, waitMs: number, trickle?: string) {
  return new Promise<{ text: string; closedAfterMs: number | null }>((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, "127.0.0.1", () => socket.write(data));
    let text = "";
    const dribble = trickle ? setInterval(() => !socket.destroyed && socket.write(trickle), 100) : undefined;
    const finish = (closedAfterMs: number | null) => {
      clearInterval(dribble);
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closedAfterMs });
    };
    const timer = setTimeout(() => finish(null), waitMs);
    socket.on("data", (d) => (text += d.toString()));
    socket.on("error", () => {});
    socket.on("close", () => finish(Date.now() - started));
  });
}

describe("the HTTP server's limits", () => {
  it("closes a connection whose headers never finish (slowloris) after headersTimeout", async () => {
    const port = await listen(LIMITS);
    const r = await probe(port, "POST /x HTTP/1.1\r\nhost: x\r\n", 3000, "x-slow: 1\r\n");
    expect(r.closedAfterMs).not.toBeNull();
    expect(r.closedAfterMs!).toBeLessThan(2000);
    expect(r.text).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it("closes a request whose body trickles in past requestTimeout", async () => {
    const port = await listen(LIMITS);
    const r = await probe(port, "POST /x HTTP/1.1\r\nhost: x\r\ncontent-length: 100000\r\n\r\n", 4000, "x");
    expect(r.closedAfterMs).not.toBeNull();
    expect(r.closedAfterMs!).toBeLessThan(3000);
  });

  it("refuses connections past maxConnections and serves again once one closes", async () => {
    const port = await listen(LIMITS);
    const held = [net.connect(port, "127.0.0.1"), net.connect(port, "127.0.0.1")];
    await Promise.all(held.map((s) => new Promise((resolve) => s.once("connect", resolve))));
    await new Promise((r) => setTimeout(r, 50));
    const third = await probe(port, "GET / HTTP/1.1\r\nhost: x\r\n\r\n", 1000);
    expect(third.text).toBe("");
    expect(third.closedAfterMs).not.toBeNull();
    held[0]!.destroy();
    await new Promise((r) => setTimeout(r, 50));
    const fourth = await probe(port, "GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n", 1000);
    expect(fourth.text).toMatch(/^HTTP\/1\.1 200/);
    held[1]!.destroy();
  });
});
