import { auditIdSchema, revertBodySchema } from "@/lib/audit/audit-query";
import { revertAuditEntry } from "@/lib/audit/revert-audit-entry";
import { can } from "@/lib/auth/permissions";
import { withRoute } from "@/lib/auth/with-route";
import { AppError } from "@/lib/http/app-error";
import { parseBody } from "@/lib/http/parse-body";

/**
 * Puts the entry's `before` back (409 when the target changed since, unless `force`; or when it
 * cannot be reverted, with the reason). Needs the permission of the original change, and either
 * the audit log's or (a product owner undoing a policy change from its toast) policies:manage.
 */
export const POST = withRoute<{ id: string }>({}, async (req, { session, params }) => {
  if (!can(session.user.role, "audit:read") && !can(session.user.role, "policies:manage")) throw new AppError("forbidden", "Your role does not allow this.");
  const id = auditIdSchema.safeParse(params.id);
  if (!id.success) throw new AppError("not_found", `No audit entry ${params.id}.`);
  const { force } = await parseBody(req, revertBodySchema);
  const { user } = session;
  return revertAuditEntry({ id: user.id, email: user.email, role: user.role }, id.data, { force });
});
