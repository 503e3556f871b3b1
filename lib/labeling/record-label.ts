/**
 * POST /api/admin/labels: a reviewer's verdict on a routed request. The named tier must be one
 * of the request's policy tiers and point the right way (cheaper / more capable than the tier
 * that answered); "correct" records the answering tier. `sample` comes from the request itself
 * (the engine's random-sample marker), so the drift page's unbiased rates stay unbiased. Only
 * requests the review queue would serve can be labeled (label-repo's `eligible`): others get 400.
 * `identicalIds` ("apply to all"): the same verdict for requests identical to this one, written in
 * the same transaction — all or none (400 when one is not identical, 409 when one is taken).
 */
import { findQueueRow, insertLabelIfOpen, labelSelect, policyTiers, type LabelData } from "../db/label-repo";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../http/app-error";
import { createLabelSchema, type CreateLabelInput, type LabelSample, type Verdict } from "./labeling-schemas";
import { sampleOf, tierChoices } from "./queue-item";

export type LabelView = { id: string; requestId: string; verdict: Verdict; correctTier: string | null; note: string; sample: LabelSample; createdAt: string };
/** The label made, and how many requests got it (1 + the identical ones applied to). */
export type RecordedLabel = { label: LabelView; applied: number };

const TO_DB = { correct: "correct", "should-be-cheaper": "should_be_cheaper", "should-be-more-capable": "should_be_more_capable" } as const satisfies Record<Verdict, LabelData["verdict"]>;
const FROM_DB = Object.fromEntries(Object.entries(TO_DB).map(([k, v]) => [v, k])) as Record<LabelData["verdict"], Verdict>;

export function labelView(l: Prisma.LabelGetPayload<{ select: typeof labelSelect }>): LabelView {
  return { id: l.id, requestId: l.requestId, verdict: FROM_DB[l.verdict], correctTier: l.correctTier?.name ?? null, note: l.note, sample: l.sample === "random" ? "random" : "uncertain", createdAt: l.createdAt.toISOString() };
}

function badTier(message: string): never {
  throw new AppError("bad_request", message, { issues: [{ path: "correctTier", message }] });
}

function refusal(reason: "ineligible" | "labeled" | "claimed" | "not-identical"): AppError {
  if (reason === "ineligible") {
    const message = "Only answered requests are labeled: not failed ones, bypasses (a tier named directly) or requests logged without their prompt.";
    return new AppError("bad_request", message, { issues: [{ path: "requestId", message }] });
  }
  if (reason === "not-identical") {
    const message = "identicalIds lists a request that is not identical to this one (same policy, answering tier and prompt) or cannot be labeled. Nothing was saved.";
    return new AppError("bad_request", message, { issues: [{ path: "identicalIds", message }] });
  }
  if (reason === "labeled") return new AppError("conflict", "This request (or one of the identical ones) is labeled already. Nothing was saved.");
  return new AppError("conflict", "Another reviewer holds this request (or one of the identical ones) right now. Nothing was saved.");
}

export async function recordLabel(reviewerId: string, input: CreateLabelInput): Promise<RecordedLabel> {
  const data = createLabelSchema.parse(input);
  const row = await findQueueRow(data.requestId);
  if (!row || !row.tierName) throw new AppError("not_found", "No such routed request.");
  const tiers = await policyTiers({ id: row.policyId, name: row.policyName });
  const names = tiers.map((t) => t.name);
  let correctTier = data.verdict === "correct" ? row.tierName : data.correctTier!;
  if (data.verdict !== "correct") {
    if (!names.includes(correctTier)) badTier(`"${correctTier}" is not a tier of policy "${row.policyName}" (${names.join(", ") || "no tiers"}).`);
    const allowed = tierChoices({ tier: row.tierName, policyTiers: names }, data.verdict);
    if (!allowed.includes(correctTier)) {
      badTier(data.verdict === "should-be-cheaper" ? `"${correctTier}" is not cheaper than "${row.tierName}".` : `"${correctTier}" is not more capable than "${row.tierName}".`);
    }
  } else if (!names.includes(correctTier)) {
    correctTier = ""; // the answering tier left the policy: nothing to point at
  }
  const result = await insertLabelIfOpen(
    {
    requestId: row.id,
    reviewerId,
    verdict: TO_DB[data.verdict],
    correctTierId: tiers.find((t) => t.name === correctTier)?.id ?? null,
    note: data.note,
    sample: sampleOf(row.decision),
    },
    data.identicalIds,
  );
  if (!result.ok) throw refusal(result.reason);
  return { label: labelView(result.label), applied: result.applied };
}
