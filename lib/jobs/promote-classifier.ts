/**
 * Promote a classifier version (atomic: the policy points at it, the old active one retires, all
 * in one transaction with an audit entry and a reload notice, so every gateway instance switches
 * within a second) and roll back to the previously active one (or to the built-in scorer).
 */
import { recordAudit, type Actor } from "../db/audit-repo";
import { inConfigTransaction, notifyConfigChanged } from "../db/config-repo";
import { auditAction, type ChangeOptions } from "../config/change-options";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../http/app-error";

type Tx = Prisma.TransactionClient;

async function activate(tx: Tx, policyId: string, versionId: string | null) {
  const policy = await tx.policy.findUniqueOrThrow({ where: { id: policyId }, select: { activeClassifierVersionId: true } });
  if (policy.activeClassifierVersionId && policy.activeClassifierVersionId !== versionId) {
    await tx.classifierVersion.update({ where: { id: policy.activeClassifierVersionId }, data: { status: "retired" } });
  }
  if (versionId) await tx.classifierVersion.update({ where: { id: versionId }, data: { status: "active", promotedAt: new Date() } });
  await tx.policy.update({ where: { id: policyId }, data: { activeClassifierVersionId: versionId } });
  return policy.activeClassifierVersionId;
}

export async function promoteClassifier(actor: Actor, versionId: string) {
  return inConfigTransaction(async (tx) => {
    const version = await tx.classifierVersion.findUnique({ where: { id: versionId }, select: { id: true, name: true, status: true, policyId: true, policy: { select: { name: true } } } });
    if (!version) throw new AppError("not_found", "No such classifier version.");
    if (!version.policyId) throw new AppError("conflict", "This classifier version belongs to no policy.");
    if (version.status === "active") throw new AppError("conflict", "This version is already active.");
    if (version.status === "discarded") throw new AppError("conflict", "This version was discarded; it cannot be promoted.");
    const previous = await activate(tx, version.policyId, version.id);
    await recordAudit(actor, { action: "classifier.promote", targetType: "policy", targetId: version.policyId, before: { activeClassifierVersionId: previous }, after: { activeClassifierVersionId: version.id, name: version.name } }, tx);
    await notifyConfigChanged(tx, "classifier.promote");
    return { policy: version.policy!.name, active: version.id, previous };
  });
}

/** Back to the version that was active before the current one (by promotion time), else to the built-in scorer. */
export async function rollbackClassifier(actor: Actor, policyName: string) {
  return inConfigTransaction(async (tx) => {
    const policy = await tx.policy.findUnique({ where: { name: policyName }, select: { id: true, activeClassifierVersionId: true } });
    if (!policy) throw new AppError("not_found", `No policy named "${policyName}".`);
    if (!policy.activeClassifierVersionId) throw new AppError("conflict", "This policy already uses the built-in scorer: nothing to roll back.");
    const current = await tx.classifierVersion.findUniqueOrThrow({ where: { id: policy.activeClassifierVersionId }, select: { promotedAt: true } });
    const previous = await tx.classifierVersion.findFirst({
      where: { policyId: policy.id, status: "retired", promotedAt: { not: null, lt: current.promotedAt ?? new Date() } },
      orderBy: { promotedAt: "desc" },
      select: { id: true, name: true },
    });
    const was = await activate(tx, policy.id, previous?.id ?? null);
    await recordAudit(actor, { action: "classifier.rollback", targetType: "policy", targetId: policy.id, before: { activeClassifierVersionId: was }, after: { activeClassifierVersionId: previous?.id ?? null, name: previous?.name ?? "built-in scorer" } }, tx);
    await notifyConfigChanged(tx, "classifier.rollback");
    return { policy: policyName, active: previous?.id ?? null, previous: was };
  });
}

/** The policy's active classifier as promote/rollback entries record it (null: no such policy). */
export async function activeClassifierState(policyId: string, tx: Tx) {
  const policy = await tx.policy.findUnique({ where: { id: policyId }, select: { activeClassifierVersionId: true } });
  return policy ? { activeClassifierVersionId: policy.activeClassifierVersionId } : null;
}

/**
 * Makes `versionId` (or the built-in scorer for null) the policy's active classifier again: the
 * audit log's revert of a promotion or rollback, inside the revert's transaction (opts.tx).
 */
export async function restoreActiveClassifier(actor: Actor, policyId: string, versionId: string | null, opts: ChangeOptions & { tx: Tx }) {
  const { tx } = opts;
  let name = "built-in scorer";
  if (versionId) {
    const version = await tx.classifierVersion.findUnique({ where: { id: versionId }, select: { name: true, policyId: true, status: true } });
    if (!version || version.policyId !== policyId) throw new AppError("conflict", "The classifier version this entry went back to no longer exists.");
    if (version.status === "discarded") throw new AppError("conflict", `Classifier version "${version.name}" was discarded.`);
    name = version.name;
  }
  const was = await activate(tx, policyId, versionId);
  const audit = auditAction(opts, "classifier.restore");
  await recordAudit(actor, { ...audit, targetType: "policy", targetId: policyId, before: { activeClassifierVersionId: was }, after: { activeClassifierVersionId: versionId, name } }, tx);
  await notifyConfigChanged(tx, audit.action);
}

/** Sets a candidate aside for good: it is never offered for promotion again. Routing is unchanged. */
export async function discardClassifier(actor: Actor, versionId: string) {
  return inConfigTransaction(async (tx) => {
    const version = await tx.classifierVersion.findUnique({ where: { id: versionId }, select: { id: true, name: true, status: true, policyId: true } });
    if (!version) throw new AppError("not_found", "No such classifier version.");
    if (version.status !== "candidate") throw new AppError("conflict", `Only a candidate can be discarded; this version is ${version.status}.`);
    await tx.classifierVersion.update({ where: { id: version.id }, data: { status: "discarded" } });
    await recordAudit(actor, { action: "classifier.discard", targetType: "classifier", targetId: version.id, before: { status: "candidate", name: version.name }, after: { status: "discarded", name: version.name } }, tx);
    return { id: version.id, status: "discarded" as const };
  });
}
