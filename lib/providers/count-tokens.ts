/**
 * Real token counts for a tier's model family, with the tokenizers that ship inside
 * `gpt-tokenizer` (no download): o200k_base for OpenAI's GPT-4o, GPT-4.1, GPT-5 and o-series
 * models, cl100k_base for everything else — exact for GPT-4 / GPT-3.5 and OpenAI's embeddings,
 * the nearest available count for other families (Llama 3, Mistral and Claude tokenizers are not
 * shipped; their counts land within ~10–20% of cl100k's on English text). An encoding is loaded
 * on first use (~0.2 s, ~25 MB), so a process that never needs it never pays.
 */
import { createRequire } from "node:module";
import { MESSAGE_OVERHEAD_TOKENS } from "../routing/estimate-tokens";

export type Encoding = "o200k_base" | "cl100k_base";

const O200K = /^(?:.*\/)?(?:gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|chatgpt-|o\d)/i;

export function encodingFor(model: string): Encoding {
  return O200K.test(model) ? "o200k_base" : "cl100k_base";
}

const require = createRequire(import.meta.url);
const counters = new Map<Encoding, (text: string) => number>();

/** Special-token markers in a client's text (`<|endoftext|>`) are counted as the plain text they are, as upstreams encode them. */
const AS_TEXT = { disallowedSpecial: new Set<string>() };

function counter(encoding: Encoding): (text: string) => number {
  let count = counters.get(encoding);
  if (!count) {
    const encode = (require(`gpt-tokenizer/encoding/${encoding}`) as { countTokens: (text: string, options?: typeof AS_TEXT) => number }).countTokens;
    // the library refuses special tokens by default (it throws); only texts holding "<|" pay for the option
    count = (text) => (text.includes("<|") ? encode(text, AS_TEXT) : encode(text));
    counters.set(encoding, count);
  }
  return count;
}

export function countTokens(text: string, model: string): { tokens: number; encoding: Encoding } {
  const encoding = encodingFor(model);
  return { tokens: counter(encoding)(text), encoding };
}

/**
 * A prompt's messages counted one by one, plus the chat format's overhead per message. Counts of
 * long messages are remembered (per encoding, up to ~4M characters of text, oldest out first): an
 * agent loop sends its conversation again on every step, so only the new messages are counted.
 */
export function countMessageTokens(texts: readonly string[], model: string): { tokens: number; encoding: Encoding } {
  const encoding = encodingFor(model);
  const count = counter(encoding);
  let tokens = MESSAGE_OVERHEAD_TOKENS * texts.length;
  for (const text of texts) tokens += text.length < REMEMBER_FROM ? count(text) : remembered(encoding, text, count);
  return { tokens, encoding };
}

const REMEMBER_FROM = 256;
const REMEMBER_CHARS = 4_000_000;
const memory = new Map<Encoding, { counts: Map<string, number>; chars: number }>();

function remembered(encoding: Encoding, text: string, count: (text: string) => number): number {
  let store = memory.get(encoding);
  if (!store) memory.set(encoding, (store = { counts: new Map(), chars: 0 }));
  const known = store.counts.get(text);
  if (known !== undefined) return known;
  const tokens = count(text);
  store.counts.set(text, tokens);
  store.chars += text.length;
  for (const [oldest] of store.counts) {
    if (store.chars <= REMEMBER_CHARS) break;
    store.counts.delete(oldest);
    store.chars -= oldest.length;
  }
  return tokens;
}
