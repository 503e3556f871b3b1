import { createLabelSchema } from "@/lib/labeling/labeling-schemas";
import { recordLabel } from "@/lib/labeling/record-label";
import { parseBody } from "@/lib/http/parse-body";
import { withRoute } from "@/lib/http/with-route";

/** Records a verdict `{ requestId, verdict, correctTier?, note? }` and releases the claim. */
export const POST = withRoute({ permission: "labels:write" }, async (req, { session }) => {
  const input = await parseBody(req, createLabelSchema);
  return Response.json({ label: await recordLabel(session.user.id, input) }, { status: 201 });
});
