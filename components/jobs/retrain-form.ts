/**
 * The "Start retraining" form → the API's payload, validated with the schema the server uses
 * (lib/jobs/retrain/retrain-payload.ts). The form speaks in percent and text; the payload in
 * fractions, integers and dates. Empty seed or hold-out = the schema's default.
 */
import { retrainPayloadSchema, type RetrainPayload } from "@/lib/jobs/retrain/retrain-payload";

export type RetrainFormValues = {
  policy: string;
  datasets: string[];
  includeLabels: boolean;
  includeEscalations: boolean;
  includeShadow: boolean;
  /** yyyy-mm-dd from <input type="date">, or "". */
  labelsSince: string;
  /** Percent, e.g. "20". */
  holdoutPercent: string;
  seed: string;
};

export type RetrainFormField = "policy" | "datasets" | "labelsSince" | "includeLabels" | "includeEscalations" | "includeShadow" | "holdout" | "seed";
export type RetrainFormErrors = Partial<Record<RetrainFormField | "form", string>>;

export const RETRAIN_FORM_DEFAULTS: Omit<RetrainFormValues, "policy" | "datasets"> = {
  includeLabels: true,
  includeEscalations: true,
  includeShadow: true,
  labelsSince: "",
  holdoutPercent: "20",
  seed: "1",
};

/** "" → undefined (the default); anything else → a number, NaN when not one (the schema says why). */
function numberOrDefault(text: string): number | undefined {
  const t = text.trim();
  return t === "" ? undefined : Number(t);
}

export function parseRetrainForm(v: RetrainFormValues): { ok: true; data: RetrainPayload } | { ok: false; errors: RetrainFormErrors } {
  const percent = numberOrDefault(v.holdoutPercent);
  const parsed = retrainPayloadSchema.safeParse({
    policy: v.policy,
    datasets: v.datasets,
    includeLabels: v.includeLabels,
    includeEscalations: v.includeEscalations,
    includeShadow: v.includeShadow,
    labelsSince: v.labelsSince.trim() || undefined,
    holdout: percent === undefined ? undefined : percent / 100,
    seed: numberOrDefault(v.seed),
  });
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, errors: errorsByField(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }))) };
}

/** Issues (from zod or the server's 400) → one message per form field; unknown paths go to `form`. */
export function errorsByField(issues: ReadonlyArray<{ path: string; message: string }>): RetrainFormErrors {
  const fields: readonly string[] = ["policy", "datasets", "labelsSince", "includeLabels", "includeEscalations", "includeShadow", "holdout", "seed"];
  const errors: RetrainFormErrors = {};
  for (const issue of issues) {
    const head = issue.path.split(".")[0] ?? "";
    const key = (fields.includes(head) ? head : "form") as keyof RetrainFormErrors;
    errors[key] ??= issue.message;
  }
  return errors;
}
