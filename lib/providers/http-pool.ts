// Keep-alive connection pools (undici), one per origin (and connection limit), created once and
// reused. undici over node:http: its dispatch path costs the client well under half the CPU per
// call of node:http's agent + ClientRequest + IncomingMessage (README, dependency table).
import { buildConnector, Pool } from "undici";

export const DEFAULT_MAX_SOCKETS = 256;

/** Idle pooled sockets are closed after this (below the common 5 s server keep-alive timeout);
 *  a server's own `Keep-Alive: timeout=` hint, less undici's 2 s margin, wins when shorter. */
const IDLE_SOCKET_MS = 4000;

const pools = new Map<string, Pool>();

const BYTES_READ = Symbol("bytesRead");

/** undici's connector (no connect timeout), with every socket error stamped with the bytes the
 *  socket had read: undici's own SocketError carries them, a raw ECONNRESET does not, and they
 *  tell a reset on a reused socket from one on a fresh socket (HttpCall's stale retry). Our
 *  listener is added before undici's, so the stamp is there when undici fails the request. */
const connectPlain = buildConnector({ timeout: 0 });
const connect: buildConnector.connector = (options, callback) =>
  connectPlain(options, (...args) => {
    const socket = args[1];
    socket?.on("error", (err: Error & { [BYTES_READ]?: number }) => (err[BYTES_READ] ??= socket.bytesRead));
    callback(...args);
  });

/** Bytes the failed request's socket had read before the error, when known. */
export function socketBytesRead(error: unknown): number | undefined {
  const err = error as { [BYTES_READ]?: number; socket?: { bytesRead?: number } } | undefined;
  return err?.[BYTES_READ] ?? err?.socket?.bytesRead;
}

/** The shared pool for an origin. Never allocate pools per request.
 *  undici's own timers are off (headers, body, connect): HttpCall's deadline and stall timer
 *  are the only ones, as with node:http. No proxy: the environment's proxy variables are ignored. */
export function getPool(url: URL, maxSockets = DEFAULT_MAX_SOCKETS): Pool {
  const key = `${url.protocol}//${url.host}|${maxSockets}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new Pool(url.origin, { connections: maxSockets, pipelining: 1, keepAliveTimeout: IDLE_SOCKET_MS, headersTimeout: 0, bodyTimeout: 0, connect });
    pools.set(key, pool);
  }
  return pool;
}

/** Closes every pooled socket (tests, graceful shutdown). */
export function destroyAgents(): void {
  for (const pool of pools.values()) void pool.destroy().catch(() => {});
  pools.clear();
}

export function poolStats(): Array<{ origin: string; sockets: number; free: number; queued: number }> {
  return [...pools.entries()].map(([origin, pool]) => {
    const stats = pool.stats;
    return { origin, sockets: stats.connected, free: stats.free, queued: stats.pending };
  });
}

/** Joins a base URL and a path ("http://h/v1" + "/chat/completions"), parsing once per distinct pair. */
const urlCache = new Map<string, URL>();
export function joinUrl(baseUrl: string, path: string): URL {
  const key = `${baseUrl}\u0000${path}`;
  let url = urlCache.get(key);
  if (!url) {
    url = new URL(baseUrl.replace(/\/+$/, "") + path);
    if (urlCache.size > 1000) urlCache.clear();
    urlCache.set(key, url);
  }
  return url;
}
