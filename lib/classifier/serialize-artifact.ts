/**
 * The artifact's file layout: JSON with one top-level key per line and one head per line
 * (readable diffs, compact weights). Deterministic: the same artifact gives the same bytes.
 */
import type { ClassifierArtifact } from "./model-artifact";

export function serializeArtifact(artifact: ClassifierArtifact): string {
  const lines = Object.entries(artifact).map(([key, value]) => {
    if (key === "heads") return `  "heads": [\n${(value as unknown[]).map((h) => `    ${JSON.stringify(h)}`).join(",\n")}\n  ]`;
    return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  });
  return `{\n${lines.join(",\n")}\n}\n`;
}
