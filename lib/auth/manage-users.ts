/**
 * User administration: create, change role/name/password, disable. Every change is written to
 * the audit log in the same transaction. Guards: the last active admin cannot be demoted or
 * disabled — also when two admins are demoted at the same moment (the admins' rows are locked
 * first, lockActiveAdmins) — and nobody can disable themselves.
 */
import { AppError } from "../http/app-error";
import { recordAudit, type Actor } from "../db/audit-repo";
import { deleteUserSessions } from "../db/session-repo";
import {
  findUserById,
  inTransaction,
  insertUser,
  isUniqueViolation,
  lockActiveAdmins,
  updateUserRow,
  type PublicUser,
} from "../db/user-repo";
import { hashPassword } from "./password";
import type { Role } from "./permissions";
import { createUserSchema, type CreateUserInput, type UpdateUserInput } from "./user-schemas";

function auditView(u: PublicUser) {
  return { email: u.email, name: u.name, role: u.role, disabled: u.disabled };
}

export async function createUser(actor: Actor, input: CreateUserInput): Promise<PublicUser> {
  const data = createUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await inTransaction(async (tx) => {
      const user = await insertUser({ email: data.email, name: data.name, role: data.role as Role, passwordHash }, tx);
      await recordAudit(actor, { action: "user.create", targetType: "user", targetId: user.id, after: auditView(user) }, tx);
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `A user with the email ${data.email} already exists.`);
    throw error;
  }
}

export async function updateUser(actor: Actor, id: string, patch: UpdateUserInput): Promise<PublicUser> {
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  return inTransaction(async (tx) => {
    const activeAdmins = await lockActiveAdmins(tx);
    const before = await findUserById(id, tx);
    if (!before) throw new AppError("not_found", "No such user.");
    if (patch.disabled === true && actor.id === id) throw new AppError("conflict", "You cannot disable your own account.");
    const losesAdmin = before.role === "admin" && !before.disabled && ((patch.role && patch.role !== "admin") || patch.disabled === true);
    if (losesAdmin && activeAdmins.filter((a) => a !== id).length === 0) {
      throw new AppError("conflict", "This is the last active admin. Make another user admin first.");
    }
    const after = await updateUserRow(id, { name: patch.name, role: patch.role, disabled: patch.disabled, passwordHash }, tx);
    if (patch.disabled === true) await deleteUserSessions(id, tx);
    else if (passwordHash) await deleteUserSessions(id, tx);
    const action = patch.role && patch.role !== before.role ? "user.role_change" : "user.update";
    const afterView = { ...auditView(after), ...(passwordHash ? { passwordChanged: true } : {}) };
    await recordAudit(actor, { action, targetType: "user", targetId: id, before: auditView(before), after: afterView }, tx);
    return after;
  });
}
