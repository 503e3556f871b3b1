import type { Prisma } from "./generated/client";
import { db } from "./prisma";
import type { DbClient } from "./user-repo";

export type Actor = { id: string | null; email: string };

export const SYSTEM_ACTOR: Actor = { id: null, email: "system" };

export type AuditEntry = {
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  /** The entry this one reverts (lib/audit/revert-audit-entry.ts). */
  revertOfId?: bigint | null;
};

function json(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined || value === null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}

export function recordAudit(actor: Actor, entry: AuditEntry, client: DbClient = db) {
  return client.auditLog.create({
    data: {
      actorId: actor.id,
      actorEmail: actor.email,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: json(entry.before),
      after: json(entry.after),
      revertOfId: entry.revertOfId ?? null,
    },
    select: { id: true },
  });
}

export function listAudit(opts: { targetType?: string; targetId?: string; take?: number }) {
  return db.auditLog.findMany({
    where: { targetType: opts.targetType, targetId: opts.targetId },
    orderBy: { id: "desc" },
    take: opts.take ?? 50,
  });
}

export type AuditFilter = {
  targetType?: string;
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** Keyset: entries with a smaller id than this one (ids grow with time). */
  beforeId?: bigint;
  take: number;
};

/** Newest first, one page of the global log (the /audit page). */
export function listAuditPage(filter: AuditFilter) {
  return db.auditLog.findMany({
    where: {
      targetType: filter.targetType,
      actorEmail: filter.actor ? { contains: filter.actor, mode: "insensitive" } : undefined,
      // "tier.*": every tier action; otherwise exactly this one
      action: filter.action?.endsWith("*") ? { startsWith: filter.action.slice(0, -1) } : filter.action,
      createdAt: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
      id: filter.beforeId !== undefined ? { lt: filter.beforeId } : undefined,
    },
    orderBy: { id: "desc" },
    take: filter.take,
  });
}

/** The entries that reverted one of these (to mark them "reverted" in the list). */
export function findReverts(ids: bigint[]) {
  return db.auditLog.findMany({ where: { revertOfId: { in: ids } }, select: { id: true, revertOfId: true } });
}

export function findAuditEntry(id: bigint, client: DbClient = db) {
  return client.auditLog.findUnique({ where: { id } });
}

/** Newest entry that reverted `id`, written in the transaction the revert ran in. */
export function findRevertEntry(id: bigint, client: DbClient = db) {
  return client.auditLog.findFirst({ where: { revertOfId: id }, orderBy: { id: "desc" }, select: { id: true } });
}
