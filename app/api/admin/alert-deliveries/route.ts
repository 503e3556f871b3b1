import { z } from "zod";
import { listDeliveries } from "@/lib/alerts/manage-alert-channels";
import { withRoute } from "@/lib/auth/with-route";
import { parseQuery } from "@/lib/http/parse-body";

const query = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  channel: z.uuid("channel: not a channel id").optional(),
});

/** The delivery log, newest first. */
export const GET = withRoute({ permission: "alerts:manage" }, async (req) => {
  const q = parseQuery(new URL(req.url), query);
  const { items, total } = await listDeliveries({ page: q.page, pageSize: q.pageSize, channelId: q.channel });
  return { items, total, page: q.page, pageSize: q.pageSize };
});
