/**
 * The node:http server both entry points run (`npm start`, `npm run gateway`), with the limits
 * that keep a client from holding the process: at most `maxConnections` sockets (more are closed
 * on accept), headers within `headersTimeoutMs` (slowloris), the whole request — headers and body,
 * not the response, so long streams are unaffected — within `requestTimeoutMs`, idle keep-alive
 * sockets closed after `keepAliveTimeoutMs`. Node checks the two timeouts every
 * `connectionsCheckingInterval`, set here to a quarter of the headers timeout (0.25–5 s).
 */
import http from "node:http";
import { env } from "../env";

export type HttpLimits = { maxConnections: number; requestTimeoutMs: number; headersTimeoutMs: number; keepAliveTimeoutMs: number };

/** Behind load balancers that keep connections for 60 s, idle sockets must outlive theirs. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export function httpLimits(): HttpLimits {
  const e = env();
  return { maxConnections: e.HTTP_MAX_CONNECTIONS, requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS, headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS, keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS };
}

export function createHttpServer(handler: http.RequestListener, limits: HttpLimits = httpLimits()): http.Server {
  const server = http.createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(5000, Math.max(250, Math.floor(limits.headersTimeoutMs / 4))),
    },
    handler,
  );
  server.maxConnections = limits.maxConnections;
  return server;
}
