/**
 * Keyword markers for the content features: words and phrases (up to three words, lowercase)
 * per marker. They are matched by hash in the single pass of scan-text.ts, so scanning costs
 * the same however many phrases there are.
 */

export const MARKER_PHRASES = {
  listAsk: [
    "list", "enumerate", "outline", "bullet points", "bullet point", "name some", "name a few",
    "give me some", "give examples", "examples of", "what are some", "top ten", "top five", "steps to",
  ],
  explainAsk: [
    "explain", "describe", "elaborate", "why does", "why do", "why is", "why are", "why did",
    "why would", "how does", "how do", "how did", "how would", "how can", "what causes",
    "walk me through", "in detail", "tell me about", "what happens",
  ],
  compareAsk: [
    "compare", "comparison", "contrast", "difference between", "differences between", "vs", "versus",
    "pros and cons", "tradeoff", "tradeoffs", "trade off", "better than", "advantages and disadvantages",
    "which is better", "similarities",
  ],
  reasoningAsk: [
    "prove", "proof", "derive", "derivation", "step by step", "analyze", "analyse", "analysis",
    "evaluate", "design", "architect", "optimize", "optimise", "implement", "algorithm", "complexity",
    "justify", "reasoning", "deduce", "infer", "strategy", "plan", "puzzle", "clue", "clues",
    "constraints", "logic", "hypothesis", "critique", "argue",
  ],
  codeWords: [
    "def", "function", "class", "import", "return", "const", "let", "var", "public", "static", "void",
    "async", "await", "lambda", "println", "printf", "console", "include", "select", "traceback",
    "exception", "stack trace", "stacktrace", "segfault", "null pointer", "compile", "compiler", "regex",
    "python", "javascript", "typescript", "java", "rust", "golang", "sql", "api", "bug", "debug",
    "refactor", "unit test", "unit tests", "code", "script", "program", "error", "int", "str",
  ],
  mathWords: [
    "integral", "derivative", "theorem", "lemma", "equation", "equations", "polynomial", "matrix",
    "eigenvalue", "eigenvalues", "probability", "calculate", "compute", "solve", "how many", "how much",
    "percent", "percentage", "sum of", "product of", "prime", "modulo", "inequality", "limit",
    "logarithm", "factorial", "ratio", "average", "total", "remainder", "frac", "sqrt",
  ],
  complaint: [
    "complain", "complaint", "complaints", "complained", "unacceptable", "disappointed", "frustrated",
    "frustrating", "angry", "terrible", "awful", "worst", "refund", "chargeback", "dispute", "fraud",
    "fraudulent", "scam", "stolen", "lawyer", "legal action", "escalate", "compensation",
    "still waiting", "still not", "never received", "never arrived", "wrongly charged",
    "charged twice", "overcharged", "not working", "doesn't work",
  ],
  urgency: [
    "urgent", "urgently", "asap", "immediately", "right now", "emergency", "critical",
    "as soon as", "deadline", "right away",
  ],
  faq: [
    "opening hours", "opening times", "open on", "what time", "where is", "where are", "phone number",
    "address", "contact you", "how much is", "price of", "reset my password", "reset password",
    "track my order", "who is", "who was", "capital of", "when was", "when does", "do you have",
  ],
} as const;

export type MarkerName = keyof typeof MARKER_PHRASES | "smallTalk";

/** Marker names in feature order (smallTalk is "the first word is a greeting"). */
export const MARKER_NAMES: MarkerName[] = [...(Object.keys(MARKER_PHRASES) as MarkerName[]), "smallTalk"];

export const GREETINGS = [
  "hi", "hello", "hey", "thanks", "thank", "good", "ok", "okay", "bye", "cheers", "yes", "no", "morning",
];

/** FNV-1a step for one character code (lowercased ASCII by the caller). */
export function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, 16777619);
}

export const FNV_SEED = 0x011c9dc5;

/** Combines the hashes of consecutive words into a phrase hash. */
export function combineHash(a: number, b: number): number {
  return Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b) ^ (b >>> 15);
}

export function hashWord(word: string): number {
  let h = FNV_SEED;
  for (let i = 0; i < word.length; i++) h = fnvStep(h, word.charCodeAt(i));
  return h;
}

export function hashPhrase(phrase: string): number {
  const words = phrase.split(" ");
  let h = hashWord(words[0]);
  for (let i = 1; i < words.length; i++) h = combineHash(h, hashWord(words[i]));
  return h;
}
