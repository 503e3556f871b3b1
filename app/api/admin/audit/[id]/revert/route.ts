import { auditIdSchema, revertBodySchema } from "@/lib/audit/audit-query";
import { revertAuditEntry } from "@/lib/audit/revert-audit-entry";
import { withRoute } from "@/lib/auth/with-route";
import { AppError } from "@/lib/http/app-error";
import { parseBody } from "@/lib/http/parse-body";

/**
 * Puts the entry's `before` back (409 when the target changed since, unless `force`; or when it
 * cannot be reverted, with the reason). Also needs the permission of the original change.
 */
export const POST = withRoute<{ id: string }>({ permission: "audit:read" }, async (req, { session, params }) => {
  const id = auditIdSchema.safeParse(params.id);
  if (!id.success) throw new AppError("not_found", `No audit entry ${params.id}.`);
  const { force } = await parseBody(req, revertBodySchema);
  const { user } = session;
  return revertAuditEntry({ id: user.id, email: user.email, role: user.role }, id.data, { force });
});
