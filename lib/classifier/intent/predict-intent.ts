/**
 * predictIntent(model, text): the intent stage's one call. Reads at most the model's
 * `maxChars` characters of the text (head and tail), so it is fast on long prompts.
 */
import type { IntentModel, IntentPrediction } from "./types";

export function predictIntent(model: IntentModel, text: string): IntentPrediction {
  return model.predict(text);
}
