/**
 * The global audit log as the /audit page reads it: newest first, a keyset page (`before` = the
 * last id seen), filtered by target type, actor, action prefix and time; each entry with its
 * changed fields, whether it can be reverted (and why not) and the entry that reverted it.
 */
import type { Permission } from "../auth/permissions";
import { findReverts, listAuditPage, type AuditFilter } from "../db/audit-repo";
import { diffAudit, type AuditChange } from "./diff-audit";
import { planRevert } from "./revert-plan";

export type AuditLogEntry = {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  changes: AuditChange[];
  revertible: boolean;
  /** Why not, when not revertible. */
  reason: string | null;
  /** What a revert needs besides audit:read: the original change's permission. */
  permission: Permission | null;
  revertOf: string | null;
  revertedBy: string | null;
};

export type AuditLogPage = { entries: AuditLogEntry[]; nextBefore: string | null };

export async function listAuditLog(filter: Omit<AuditFilter, "take"> & { limit: number }): Promise<AuditLogPage> {
  const rows = await listAuditPage({ ...filter, take: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  const reverts = page.length ? await findReverts(page.map((r) => r.id)) : [];
  const revertedBy = new Map(reverts.map((r) => [r.revertOfId!.toString(), r.id.toString()]));
  return {
    entries: page.map((r) => {
      const verdict = planRevert(r);
      return {
        id: r.id.toString(),
        at: r.createdAt.toISOString(),
        actor: r.actorEmail,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        changes: diffAudit(r.before, r.after),
        revertible: verdict.ok,
        reason: verdict.ok ? null : verdict.reason,
        permission: verdict.ok ? verdict.plan.permission : null,
        revertOf: r.revertOfId?.toString() ?? null,
        revertedBy: revertedBy.get(r.id.toString()) ?? null,
      };
    }),
    nextBefore: rows.length > filter.limit ? page[page.length - 1]!.id.toString() : null,
  };
}
