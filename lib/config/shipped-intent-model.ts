/**
 * The intent model shipped with Frontdesk (lib/classifier/intent/default-intent-model.json,
 * made by `npm run train:intent`), read and decoded at most once per process, and only when a
 * policy enables the intent stage. A missing or invalid file is a warning, not an outage: the
 * stage is then skipped (the decision trace says so).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadIntentModel } from "../classifier/intent/load-intent-model";
import type { IntentModel } from "../classifier/intent/types";

// relative to the working directory, like providers/replay-datasets.ts (the Next.js server bundles lib/)
export const SHIPPED_INTENT_MODEL = path.resolve(process.cwd(), "lib", "classifier", "intent", "default-intent-model.json");

let cached: { model: IntentModel | null; error: string | null } | undefined;

export function shippedIntentModel(): { model: IntentModel | null; error: string | null } {
  if (!cached) {
    try {
      cached = { model: loadIntentModel(JSON.parse(readFileSync(SHIPPED_INTENT_MODEL, "utf8"))), error: null };
    } catch (error) {
      cached = { model: null, error: `intent model ${SHIPPED_INTENT_MODEL} could not be loaded (${(error as Error).message}); the intent stage is skipped` };
    }
  }
  return cached;
}
