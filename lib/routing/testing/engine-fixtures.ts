// A realistic routing setup for the engine bench: three tiers, ten rules (categories, keywords,
// regexes, FAQ phrasings) and ~2,000-token support conversations that match none of the rules,
// so every decision runs the whole path: budget → rules (regex set included) → pin → classifier.
import type { ChatTurn } from "../../classifier/types";
import type { ConfigFileInput } from "../config-schema";

export const ENGINE_BENCH_CONFIG: ConfigFileInput = {
  tiers: [
    { name: "fast", provider: "simulated", model: "small-model", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
    { name: "balanced", provider: "simulated", model: "mid-model", inputUsdPerMTok: 0.8, outputUsdPerMTok: 3.2 },
    { name: "capable", provider: "simulated", model: "large-model", inputUsdPerMTok: 10, outputUsdPerMTok: 30 },
  ],
  policies: [
    {
      name: "default",
      tiers: ["fast", "balanced", "capable"],
      hedging: { enabled: true },
      labeling: { randomRate: 0.01 },
      rules: [
        { name: "disputes", match: { category: "dispute" }, tier: "capable" },
        { name: "legal", match: { category: "legal" }, tier: "capable" },
        { name: "hours", match: { keywords: ["opening hours", "open on sunday", "closing time"] }, tier: "fast" },
        { name: "chargeback", match: { keywords: ["chargeback", "fraudulent charge", "bank dispute"] }, tier: "capable" },
        { name: "order-id", match: { regex: "\\border\\s*(?:no\\.?|number|#)?\\s*[A-Z]{2}\\d{6,8}\\b" }, tier: "balanced" },
        { name: "iban", match: { regex: "\\b[A-Z]{2}\\d{2}[A-Z0-9]{11,30}\\b", caseSensitive: true }, tier: "capable" },
        { name: "stack-trace", match: { regex: "(?:Traceback \\(most recent call last\\)|at [\\w.$]+\\([\\w.]+:\\d+\\))" }, tier: "capable" },
        { name: "api-errors", match: { regex: "\\b(?:4\\d\\d|5\\d\\d) (?:error|status)\\b" }, tier: "balanced" },
        { name: "password", match: { faq: ["How do I reset my password?", "I forgot my password", "How can I change my password?"] }, tier: "fast" },
        { name: "shipping", match: { faq: ["How long does shipping take?", "When will my package arrive?"] }, tier: "fast" },
      ],
    },
  ],
};

const SYSTEM = (
  "You are the support assistant of Northwind Outfitters, an online store for outdoor gear. " +
  "Answer politely and precisely. Cite the relevant policy section when you refer to returns, " +
  "warranties or shipping. Never invent order details; ask for the order number when needed. "
).repeat(5);

const PARAGRAPHS = [
  "I bought a two-person tent last spring and used it on three trips without any problem. ",
  "On the last trip the main zipper started to split after one night of heavy rain and wind. ",
  "I followed the care instructions, dried it completely and stored it in the bag it came with. ",
  "The seam tape near the vestibule is also peeling, which let water in on the sleeping side. ",
  "Could you explain how the warranty applies here, and compare repairing it with a replacement? ",
  "Also, what would the difference be between sending it in and bringing it to one of your stores? ",
  "I would like to understand the steps, how long each option takes, and what it would cost me. ",
];

/** `count` distinct conversations of about 2,000 tokens (≈ 8,000 characters) each. */
export function benchConversations(count: number): ChatTurn[][] {
  return Array.from({ length: count }, (_, i) => {
    const rotate = (k: number) => PARAGRAPHS[(i + k) % PARAGRAPHS.length];
    let question = "";
    for (let k = 0; question.length < 6500; k++) question += rotate(k);
    return [
      { role: "system", content: SYSTEM },
      { role: "user", content: `Hello, I have a question about my tent (case ${1000 + i}).` },
      { role: "assistant", content: "Of course! Could you describe the problem and when you bought it?" },
      { role: "user", content: question },
    ];
  });
}
