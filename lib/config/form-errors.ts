/**
 * Human messages for the routing config schemas (lib/routing/config-schema.ts), used by the
 * console's forms and the admin API alike so a field shows the same sentence on both sides.
 * Messages written into the schema itself (name pattern, "required for provider …", regex
 * checks) take precedence; this only replaces zod's generic ones. Browser-safe.
 */
import type { z } from "zod";

export type FieldIssue = { path: string; message: string };

function plural(n: number | bigint, word: string) {
  return `${n} ${word}${Number(n) === 1 ? "" : "s"}`;
}

export const friendlyErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "number" || issue.origin === "int") {
        return Number(issue.minimum) === 0 ? "Can't be negative." : `Must be at least ${issue.minimum}.`;
      }
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "Required." : `Use at least ${plural(issue.minimum, "character")}.`;
      if (issue.origin === "array") return `Add at least ${issue.minimum}.`;
      return undefined;
    case "too_big":
      if (issue.origin === "number" || issue.origin === "int") return `Must be at most ${issue.maximum}.`;
      if (issue.origin === "string") return `Use at most ${plural(issue.maximum, "character")}.`;
      if (issue.origin === "array") return `At most ${issue.maximum} entries.`;
      return undefined;
    case "invalid_format":
      return issue.format === "url" ? "Enter a full URL starting with http:// or https://, like https://api.openai.com/v1." : undefined;
    case "invalid_type":
      if (issue.input === undefined) return "Required.";
      if (issue.expected === "number" || issue.expected === "int") return "Enter a number.";
      return undefined;
    case "invalid_value":
      return `Choose one of: ${issue.values.map(String).join(", ")}.`;
    case "unrecognized_keys":
      return `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}.`;
    default:
      return undefined;
  }
};

/** zod issues → `{ path: "match.regex", message }`, optionally under a prefix (e.g. `rules.2`). */
export function fieldIssues(error: z.ZodError, prefix: ReadonlyArray<string | number> = []): FieldIssue[] {
  return error.issues.map((i) => ({ path: [...prefix, ...i.path].map(String).join(".") || "(body)", message: i.message }));
}

/** First message per path, for showing next to form fields. */
export function issuesByPath(issues: readonly FieldIssue[], stripPrefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const path = stripPrefix && issue.path.startsWith(stripPrefix) ? issue.path.slice(stripPrefix.length) : issue.path;
    out[path] ??= issue.message;
  }
  return out;
}
