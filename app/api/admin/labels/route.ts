import { withRoute } from "@/lib/auth/with-route";
import { parseBody } from "@/lib/http/parse-body";
import { createLabelSchema } from "@/lib/labeling/labeling-schemas";
import { recordLabel } from "@/lib/labeling/record-label";

/** Records a verdict `{ requestId, verdict, correctTier?, note?, identicalIds? }` and releases the claims: `{ label, applied }`. */
export const POST = withRoute({ permission: "labels:write" }, async (req, { session }) => {
  const input = await parseBody(req, createLabelSchema);
  return Response.json(await recordLabel(session.user.id, input), { status: 201 });
});
