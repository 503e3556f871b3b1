import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  it.each([
    ["/users?page=2", "/users?page=2"],
    ["/requests/0193?tab=trace#attempts", "/requests/0193?tab=trace#attempts"],
    ["/requests?q=hello world", "/requests?q=hello%20world"],
    ["/a/../users", "/users"],
    ["/%2F/evil.example", "/%2F/evil.example"],
    ["/sign-in-help", "/sign-in-help"],
  ])("keeps the same-site path %j as %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  const nasty: unknown[] = [
    "https://evil.example",
    "http:evil.example",
    "https:/evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\u0000/evil.example",
    "/\u007f/evil.example",
    "/./\t/evil.example",
    "//user:pass@evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "/sign-in",
    "/sign-in?next=/x",
    "/sign-in/",
    "/x/../sign-in",
    `/${"a".repeat(3000)}`, // over the length cap
    "",
    undefined,
    null,
    ["/users", "//evil.example"],
    42,
  ];
  it.each(nasty.map((bad) => ({ bad, shown: JSON.stringify(bad)?.slice(0, 40) })))("falls back for $shown", ({ bad }) => {
    expect(safeNextPath(bad)).toBe("/overview");
  });
});
