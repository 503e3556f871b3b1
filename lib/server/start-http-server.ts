/**
 * The HTTP server `npm start` runs: Next.js (console, admin API, gateway routes) mounted on a
 * plain node:http server (with its connection and timeout limits, create-http-server.ts) so that
 * shutdown is ours (stop accepting, drain, then close).
 */
import type { AddressInfo } from "node:net";
import next from "next";
import { env } from "../env";
import { stampClientIp } from "../http/client-ip";
import { createHttpServer } from "./create-http-server";
import { isFastPath, serveFastPath } from "./fast-path";

export type RunningServer = { url: string; close(graceMs?: number): Promise<void> };

export async function startHttpServer(opts: { dev: boolean; port: number; host: string; dir: string }): Promise<RunningServer> {
  const app = next({ dev: opts.dev, dir: opts.dir, hostname: opts.host, port: opts.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const trustedHops = env().TRUST_PROXY_HOPS;
  const server = createHttpServer((req, res) => {
    const fast = isFastPath(req);
    if (!fast) stampClientIp(req, trustedHops); // sign-in limits count by it
    const work = fast ? serveFastPath(req, res) : handle(req, res);
    work.catch((error) => {
      console.error("[frontdesk] request failed:", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "internal", message: "Something went wrong on our side." } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = opts.host === "0.0.0.0" || opts.host === "::" ? "localhost" : opts.host;
  return {
    url: `http://${shownHost}:${port}`,
    async close(graceMs = 10_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
      await app.close().catch(() => {});
    },
  };
}
