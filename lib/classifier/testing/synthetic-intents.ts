/**
 * Synthetic intent data with a known answer: each intent has its own keywords, mixed into
 * shared filler words; out-of-scope examples use only words no intent has. Seeded.
 */
import { createRng } from "../seeded-random";
import type { IntentExample } from "../intent/types";

export const SYNTHETIC_INTENTS: Record<string, string[]> = {
  card_arrival: ["card", "arrive", "delivery", "post"],
  balance: ["balance", "money", "account", "funds"],
  weather: ["weather", "rain", "sunny", "forecast"],
};

const FILLER = ["please", "tell", "me", "about", "my", "the", "what", "is", "when", "can", "you"];
const UNRELATED = ["guitar", "volcano", "poem", "chess", "recipe", "planet", "dinosaur", "painting"];

export function syntheticIntents(perIntent: number, seed: number, oos = 0): IntentExample[] {
  const rng = createRng(seed);
  const pick = (words: readonly string[]) => words[Math.floor(rng() * words.length)]!;
  const sentence = (keywords: readonly string[]) => {
    const words = [pick(FILLER), pick(keywords), pick(FILLER), pick(keywords), pick(FILLER)];
    return words.join(" ");
  };
  const out: IntentExample[] = [];
  for (const [intent, keywords] of Object.entries(SYNTHETIC_INTENTS)) {
    for (let i = 0; i < perIntent; i++) out.push({ text: sentence(keywords), intent });
  }
  for (let i = 0; i < oos; i++) out.push({ text: sentence(UNRELATED), intent: "oos" });
  return out;
}
