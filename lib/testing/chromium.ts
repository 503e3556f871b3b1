/**
 * Which Chromium the e2e tests drive: CHROMIUM_PATH, else the system's (Debian's
 * /usr/bin/chromium), else Playwright's own download (fetched by `npm test` when missing).
 */
import { existsSync } from "node:fs";

const SYSTEM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function systemChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return SYSTEM_CANDIDATES.find((p) => existsSync(p));
}

/** Flags for a closed network and running as root in CI. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
