import { db } from "./prisma";
import { publicUserSelect, type DbClient } from "./user-repo";

export function insertSession(data: { id: string; userId: string; expiresAt: Date; userAgent?: string; ip?: string }) {
  return db.session.create({ data, select: { id: true } });
}

export function findSessionWithUser(id: string) {
  return db.session.findUnique({ where: { id }, include: { user: { select: publicUserSelect } } });
}

export function touchSession(id: string, expiresAt: Date) {
  return db.session.update({ where: { id }, data: { lastSeenAt: new Date(), expiresAt }, select: { id: true } });
}

export function deleteSession(id: string) {
  return db.session.deleteMany({ where: { id } });
}

export function deleteUserSessions(userId: string, client: DbClient = db, exceptId?: string) {
  return client.session.deleteMany({ where: { userId, ...(exceptId ? { NOT: { id: exceptId } } : {}) } });
}

/** Sessions past their idle expiry, or created before `createdBefore` (past the absolute lifetime). */
export async function deleteExpiredSessions(createdBefore: Date): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { OR: [{ expiresAt: { lt: new Date() } }, { createdAt: { lt: createdBefore } }] } });
  return count;
}
