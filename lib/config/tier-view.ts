/**
 * A tier as the console shows it: its config without the secrets (key, options.headers), plus
 * their hints ("…k3Xz"), its rank and the policies using it. Type-only for the browser.
 */
import type { TierConfig } from "../routing/config-schema";

export type TierView = Omit<TierConfig, "apiKey"> & {
  rank: number;
  /** The last characters of the stored key, e.g. "…k3Xz"; null when no key is stored. */
  credentialHint: string | null;
  /** Names of the stored extra headers (options.headers, write-only) → hints ("…abcd" or "•••"). */
  headerHints: Record<string, string>;
  /** Deployment name → hint of its stored key (write-only, like the tier's). */
  deploymentKeyHints: Record<string, string>;
  /** Policies listing this tier (deleting it is refused while any do). */
  usedBy: string[];
};

/** Whether the test call worked, the HTTP status and the class of failure: never the upstream's text. */
export type ConnectionTestResult = { ok: boolean; latencyMs: number; status?: number; errorKind?: string; message: string };
