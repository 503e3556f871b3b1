/**
 * The client's IP address, as the HTTP server saw it. Route handlers get a WHATWG Request without
 * the socket, so the server (lib/server/start-http-server) stamps every request with
 * `x-frontdesk-client-ip`, overwriting whatever a client sent under that name. Its value is the
 * socket's peer address, or — behind `trustedHops` reverse proxies — the address the farthest
 * trusted proxy saw, read from the right of X-Forwarded-For (entries further left are written by
 * the client and never trusted). Next.js itself fills X-Forwarded-For only when it is absent, so
 * that header alone is whatever the client chose.
 */
import type { IncomingMessage } from "node:http";
import { isIPv4, isIPv6 } from "node:net";

export const CLIENT_IP_HEADER = "x-frontdesk-client-ip";

export function resolveClientIp(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  const peer = remoteAddress ?? "unknown";
  if (trustedHops <= 0 || !forwardedFor) return peer;
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",").map((s) => s.trim()).filter(Boolean);
  const chain = [...listed, peer];
  return chain[Math.max(0, chain.length - 1 - trustedHops)]!;
}

/** Sets the header on a request the server is about to hand to Next.js. */
export function stampClientIp(req: IncomingMessage, trustedHops: number): void {
  req.headers[CLIENT_IP_HEADER] = resolveClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedHops);
}

/** The stamped address; "unknown" when the request did not come through our server (tests, `next dev` alone). */
export function clientIpOf(req: Request): string {
  return req.headers.get(CLIENT_IP_HEADER)?.trim().slice(0, 64) || "unknown";
}

/**
 * What per-address limits count by: an IPv4 address (IPv4-mapped IPv6 included) as it is, an IPv6
 * address by its /64 — one subscriber usually holds a whole /64, so counting single IPv6
 * addresses would let one client rotate through 2^64 of them.
 */
export function addressBucket(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(ip)) return ip;
  const bare = ip.split("%")[0]!;
  if (!isIPv6(bare)) return ip.slice(0, 64);
  return `${ipv6Groups(bare).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, as lowercase hex without leading zeros. */
function ipv6Groups(ip: string): string[] {
  const [head, tail] = ip.includes("::") ? ip.split("::") : [ip, undefined];
  const parts = (s: string | undefined) => (s ? s.split(":") : []).flatMap(expandIpv4);
  const left = parts(head);
  const right = parts(tail);
  const zeros = Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16).toString(16));
}

function expandIpv4(group: string): string[] {
  if (!group.includes(".")) return [group];
  const [a, b, c, d] = group.split(".").map(Number) as [number, number, number, number];
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
