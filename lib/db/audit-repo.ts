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
