/**
 * The floor for any gateway: a bare node:http reverse proxy with a keep-alive pool, no parsing.
 * Run as its own process: `node --import tsx bench/lib/bare-proxy.ts <upstream-url>`; prints its port.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

const upstream = new URL(process.argv[2]!);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const server = http.createServer((req, res) => {
  const up = http.request(
    { agent, hostname: upstream.hostname, port: upstream.port, path: req.url!.replace(/^\/api\/v1/, "/v1"), method: req.method, headers: { ...req.headers, host: upstream.host } },
    (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    },
  );
  up.on("error", () => res.writeHead(502).end());
  req.pipe(up);
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => console.log(`PORT ${(server.address() as AddressInfo).port}`));
