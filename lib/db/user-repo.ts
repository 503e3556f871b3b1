import { Prisma, type Role } from "./generated/client";
import { db, type Db } from "./prisma";

export type DbClient = Db | Prisma.TransactionClient;

export const publicUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  lastSignInAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type PublicUser = Prisma.UserGetPayload<{ select: typeof publicUserSelect }>;

export function findUserForSignIn(email: string) {
  return db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
}

export function findUserById(id: string, client: DbClient = db) {
  return client.user.findUnique({ where: { id }, select: publicUserSelect });
}

export function countUsers() {
  return db.user.count();
}

/**
 * Locks the active admins' rows until the transaction ends and returns their ids. Two
 * transactions that each mean to demote or disable an admin queue here; the second reads the
 * rows once the first has committed (READ COMMITTED re-checks a row changed meanwhile against
 * the WHERE), so it counts the admins that are left, not the ones it saw at its start.
 */
export async function lockActiveAdmins(tx: Prisma.TransactionClient): Promise<string[]> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id::text FROM "User" WHERE role = 'admin' AND disabled = false ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}

export async function listUsers(opts: { page: number; pageSize: number; q?: string }) {
  const where: Prisma.UserWhereInput = opts.q
    ? { OR: [{ email: { contains: opts.q, mode: "insensitive" } }, { name: { contains: opts.q, mode: "insensitive" } }] }
    : {};
  const [items, total] = await Promise.all([
    db.user.findMany({
      where,
      select: publicUserSelect,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
    }),
    db.user.count({ where }),
  ]);
  return { items, total };
}

export function insertUser(data: { email: string; name: string; role: Role; passwordHash: string }, client: DbClient = db) {
  return client.user.create({ data, select: publicUserSelect });
}

export function updateUserRow(
  id: string,
  data: { name?: string; role?: Role; disabled?: boolean; passwordHash?: string },
  client: DbClient = db,
) {
  return client.user.update({ where: { id }, data, select: publicUserSelect });
}

export function markSignedIn(id: string) {
  return db.user.update({ where: { id }, data: { lastSignInAt: new Date() }, select: { id: true } });
}

export function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export function inTransaction<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) {
  return db.$transaction(fn);
}
