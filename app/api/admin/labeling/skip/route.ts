import { withRoute } from "@/lib/auth/with-route";
import { parseBody } from "@/lib/http/parse-body";
import { skipItem } from "@/lib/labeling/claim-next-item";
import { skipSchema } from "@/lib/labeling/labeling-schemas";

/** Releases the reviewer's claim on a request without labeling it. */
export const POST = withRoute({ permission: "labels:write" }, async (req, { session }) => {
  const { requestId } = await parseBody(req, skipSchema);
  return skipItem(session.user.id, requestId);
});
