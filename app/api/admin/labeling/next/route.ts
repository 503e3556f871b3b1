import { withRoute } from "@/lib/auth/with-route";
import { parseQuery } from "@/lib/http/parse-body";
import { nextItem } from "@/lib/labeling/claim-next-item";
import { nextQuerySchema } from "@/lib/labeling/labeling-schemas";

/**
 * Claims and returns the reviewer's next item (`{ item: null }` when the queue is empty).
 * `exclude`: ids the client already shows or skipped, comma-separated; `avoid`: group keys of the
 * items on screen and the last one judged (served again only when nothing else is open).
 */
export const GET = withRoute({ permission: "labels:write" }, async (req, { session }) => {
  const { exclude, avoid, ...filters } = parseQuery(new URL(req.url), nextQuerySchema);
  const item = await nextItem(session.user.id, filters, exclude, avoid);
  return Response.json({ item }, { headers: { "cache-control": "no-store" } });
});
