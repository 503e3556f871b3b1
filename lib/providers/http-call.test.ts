// The transport under the adapters, against raw servers: what the adapters' tests cannot stage
// with the test upstreams (idle sockets closed by the server, 1xx answers, bodies past the
// reader's high-water mark).
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { destroyAgents } from "./http-pool";
import { openCall } from "./upstream-request";

const servers: net.Server[] = [];

/** A raw HTTP/1.1 server answering every request with `answer` (no Keep-Alive hint), counting connections. */
async function rawServer(answer: (socket: net.Socket) => void): Promise<{ url: URL; connections: () => number }> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    let seen = "";
    socket.on("data", (data) => {
      seen += data.toString("latin1");
      const end = seen.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/content-length: *(\d+)/i.exec(seen.slice(0, end))?.[1] ?? 0);
      if (seen.length < end + 4 + length) return;
      seen = seen.slice(end + 4 + length);
      answer(socket);
    });
    socket.on("error", () => {});
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`), connections: () => connections };
}

const json = (body: string) => `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

async function post(url: URL, maxSockets = 4): Promise<{ status: number; text: string }> {
  const { call, res } = await openCall({ url, headers: { "content-type": "application/json" }, body: "{}", timeoutMs: 2000, maxSockets });
  return { status: res.statusCode, text: await call.readText() };
}

afterEach(async () => {
  destroyAgents();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

describe("HttpCall over a pooled connection", () => {
  it("a pooled socket the server closed while idle is not written to, even when its FIN is not processed yet", async () => {
    const up = await rawServer((socket) => socket.end(json('{"n":1}'))); // closes without saying so
    for (let i = 0; i < 20; i++) {
      expect(await post(up.url)).toEqual({ status: 200, text: '{"n":1}' });
      await new Promise((resolve) => setTimeout(resolve, 1));
      const until = performance.now() + 20;
      while (performance.now() < until); // the FIN arrives while the event loop is busy
    }
    expect(up.connections()).toBe(20);
  });

  it("a pooled socket the server closes (FIN) or resets (RST) as the request arrives: retried once on a new one", async () => {
    for (const close of ["end", "resetAndDestroy"] as const) {
      let requests = 0;
      const up = await rawServer((socket) => {
        requests++;
        // each connection's first request is answered, its second meets the close
        if (socket.bytesWritten === 0) socket.write(json('{"n":1}'));
        else socket[close]();
      });
      for (let i = 0; i < 5; i++) expect(await post(up.url, 1)).toEqual({ status: 200, text: '{"n":1}' });
      expect(requests).toBe(9); // 1 + 4 × (the closed one + its retry)
      expect(up.connections()).toBe(5);
    }
  });

  it("a connection closed or reset before any answer on a fresh socket is not retried (no double send)", async () => {
    for (const [close, code] of [["destroy", "UND_ERR_SOCKET"], ["resetAndDestroy", "ECONNRESET"]] as const) {
      let requests = 0;
      const up = await rawServer((socket) => {
        requests++;
        socket[close]();
      });
      await expect(post(up.url)).rejects.toMatchObject({ kind: "connection", code });
      expect(requests).toBe(1);
    }
  });

  it("skips 1xx informational answers: start() resolves with the final answer's head", async () => {
    const up = await rawServer((socket) => socket.write(`HTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\n${json('{"ok":true}')}`));
    expect(await post(up.url)).toEqual({ status: 200, text: '{"ok":true}' });
  });

  it("a body past the high-water mark arrives whole, read as text or iterated slowly (paused and resumed)", async () => {
    const big = "x".repeat(1024 * 1024);
    const up = await rawServer((socket) => socket.write(json(big)));
    expect((await post(up.url)).text).toBe(big);
    const { call } = await openCall({ url: up.url, headers: {}, body: "{}", timeoutMs: 5000, maxSockets: 4 });
    await new Promise((resolve) => setTimeout(resolve, 50)); // the body piles up before anyone reads
    let received = 0;
    for await (const part of call.body(5000)) {
      received += part.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(received).toBe(big.length);
    const before = up.connections();
    await post(up.url);
    expect(up.connections()).toBe(before); // the pauses left the socket usable for the next call
  });
});
