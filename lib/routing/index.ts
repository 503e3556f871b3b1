/** The routing engine's public surface (pure: see README.md). */
export * from "./types";
export * from "./config-schema";
export * from "./validate-config";
export { checkRegex, MAX_REGEX_LENGTH, type RegexCheck, type RegexProblem } from "./check-regex";
export { buildSnapshot, type SnapshotInput } from "./build-snapshot";
export { decide } from "./decide";
export { thresholdsForBias, lambdaForBias, tierCostUsd, LOW_HALF_SPAN, HIGH_HALF_SPAN } from "./bias-to-lambda";
export { chooseTier, notEnoughProbabilities } from "./choose-tier";
export { assessAnswer, type Answer, type AnswerSignal, type Assessment } from "./assess-answer";
export { planHedge, resolveHedge, shouldStartHedge, type HedgeLeg, type HedgePlan, type HedgeResolution } from "./plan-hedge";
export { cheapestTier, fallbackChain, nextAttempt, nextTierUp, policyDefaultTier, shouldFallBack, type UpstreamError } from "./plan-fallback";
export * from "./circuit-breaker";
export { checkBudget, remainingBudgetUsd, type BudgetVerdict } from "./check-budget";
export { resolvePin } from "./resolve-pin";
export { estimateTokens, CHARS_PER_TOKEN } from "./request-text";
