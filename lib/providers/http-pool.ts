// Keep-alive connection pools, one agent per origin (and socket limit), created once and reused.
import http from "node:http";
import https from "node:https";

export const DEFAULT_MAX_SOCKETS = 256;

/** Idle pooled sockets are closed after this (below the common 5 s server keep-alive timeout). */
const IDLE_SOCKET_MS = 4000;

const agents = new Map<string, http.Agent>();

/** The shared keep-alive agent for an origin. Never allocate agents per request. */
export function getAgent(url: URL, maxSockets = DEFAULT_MAX_SOCKETS): http.Agent {
  const key = `${url.protocol}//${url.host}|${maxSockets}`;
  let agent = agents.get(key);
  if (!agent) {
    const init: http.AgentOptions = { keepAlive: true, keepAliveMsecs: 1000, maxSockets, maxFreeSockets: maxSockets, scheduling: "lifo", timeout: IDLE_SOCKET_MS };
    agent = url.protocol === "https:" ? new https.Agent(init) : new http.Agent(init);
    agents.set(key, agent);
  }
  return agent;
}

/** Closes every pooled socket (tests, graceful shutdown). */
export function destroyAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

export function poolStats(): Array<{ origin: string; sockets: number; free: number; queued: number }> {
  const count = (map: NodeJS.ReadOnlyDict<unknown[]>) => Object.values(map).reduce((n, list) => n + (list?.length ?? 0), 0);
  return [...agents.entries()].map(([origin, agent]) => ({
    origin,
    sockets: count(agent.sockets),
    free: count(agent.freeSockets),
    queued: count(agent.requests),
  }));
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
