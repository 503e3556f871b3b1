import http, { type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { addressBucket, CLIENT_IP_HEADER, clientIpOf, resolveClientIp, stampClientIp } from "./client-ip";

describe("resolveClientIp", () => {
  it.each([
    // [peer, X-Forwarded-For, trusted hops, expected]
    ["203.0.113.7", undefined, 0, "203.0.113.7"],
    ["203.0.113.7", "1.1.1.1", 0, "203.0.113.7"], // no proxy trusted: the header is the client's own words
    ["10.0.0.2", "198.51.100.4", 1, "198.51.100.4"],
    ["10.0.0.2", "6.6.6.6, 198.51.100.4", 1, "198.51.100.4"], // a forged entry on the left is skipped
    ["10.0.0.3", "6.6.6.6, 198.51.100.4, 10.0.0.2", 2, "198.51.100.4"],
    ["10.0.0.2", ["6.6.6.6", "198.51.100.4"], 1, "198.51.100.4"],
    ["10.0.0.2", "198.51.100.4", 3, "198.51.100.4"], // fewer entries than hops: the leftmost
    ["10.0.0.2", undefined, 1, "10.0.0.2"],
  ] as const)("peer %s, X-Forwarded-For %j, %i hops → %s", (peer, xff, hops, expected) => {
    expect(resolveClientIp(peer, xff as string | string[] | undefined, hops)).toBe(expected);
  });
});

describe("stampClientIp / clientIpOf", () => {
  it("overwrites a client's own x-frontdesk-client-ip and X-Forwarded-For with the peer address", () => {
    const req = { headers: { [CLIENT_IP_HEADER]: "1.2.3.4", "x-forwarded-for": "1.2.3.4" }, socket: { remoteAddress: "203.0.113.9" } } as unknown as IncomingMessage;
    stampClientIp(req, 0);
    expect(req.headers[CLIENT_IP_HEADER]).toBe("203.0.113.9");
    expect(clientIpOf(new Request("http://x/", { headers: { [CLIENT_IP_HEADER]: "203.0.113.9" } }))).toBe("203.0.113.9");
    expect(clientIpOf(new Request("http://x/"))).toBe("unknown");
  });

  it("stamps the socket's peer over real HTTP, whatever the client claims", async () => {
    const server = http.createServer((req, res) => {
      stampClientIp(req, 0);
      res.end(req.headers[CLIENT_IP_HEADER]);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const res = await fetch(url, { headers: { [CLIENT_IP_HEADER]: "198.51.100.1", "x-forwarded-for": "198.51.100.2" } });
      expect(await res.text()).toBe("127.0.0.1");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("addressBucket", () => {
  it.each([
    ["198.51.100.4", "198.51.100.4"],
    ["::ffff:198.51.100.4", "198.51.100.4"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002::", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["64:ff9b::198.51.100.4", "64:ff9b:0:0::/64"],
    ["unknown", "unknown"],
  ])("%s counts as %s", (ip, bucket) => {
    expect(addressBucket(ip)).toBe(bucket);
  });
});
