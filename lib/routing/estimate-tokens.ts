/**
 * The one token estimate: characters / 4, rounded up. The engine prices a request's prompt with
 * it (cost estimates, budgets, speculation); the providers count with it when an upstream reports
 * no usage. Anything else that needs a token count from text calls this, never its own division.
 */
export const CHARS_PER_TOKEN = 4;

export function estimateTokens(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}
