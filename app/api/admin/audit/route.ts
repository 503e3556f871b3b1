import { auditQuerySchema } from "@/lib/audit/audit-query";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { withRoute } from "@/lib/auth/with-route";
import { parseQuery } from "@/lib/http/parse-body";

/** The global audit log, newest first; `before` = the last id of the previous page (`nextBefore`). */
export const GET = withRoute({ permission: "audit:read" }, async (req) => {
  const { before, targetType, actor, action, from, to, limit } = parseQuery(new URL(req.url), auditQuerySchema);
  return listAuditLog({ beforeId: before, targetType, actor, action, from, to, limit });
});
