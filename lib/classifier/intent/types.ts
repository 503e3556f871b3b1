/**
 * The intent model's contract with the routing engine (pure types). The engine only calls
 * `predict`; the rest is for diagnostics, the CLI and config checks.
 */

export type IntentPrediction = {
  /** the most likely intent ("oos" when the model's out-of-scope class wins) */
  intent: string;
  /** the intent's domain (CLINC150's 10 domains), when the model has one */
  domain?: string;
  /** the winning class's softmax probability */
  p: number;
  /** the out-of-scope class won, or p is below the model's threshold */
  outOfScope: boolean;
};

export interface IntentModel {
  readonly id: string;
  /** the in-scope intent names */
  readonly intents: readonly string[];
  /** the domain names (empty when the model has none) */
  readonly domains: readonly string[];
  /** below this max-probability a prediction is out of scope */
  readonly threshold: number;
  predict(text: string): IntentPrediction;
}

/** One labeled utterance. */
export type IntentExample = { text: string; intent: string };
