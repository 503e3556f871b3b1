/**
 * How a config change is carried out when someone else drives it: the audit log's revert runs a
 * manage-* function inside its own config transaction (so its conflict check and the change
 * commit together) and records the change under its own action, pointing at the reverted entry.
 * Console edits pass nothing: their own transaction and action.
 */
import { inConfigTransaction } from "../db/config-repo";
import type { Prisma } from "../db/generated/client";

export type ChangeOptions = {
  /** An open config transaction (its advisory lock already taken). */
  tx?: Prisma.TransactionClient;
  /** Audit action instead of the function's own ("tier.disable.revert"). */
  action?: string;
  revertOfId?: bigint;
};

export function inChangeTransaction<T>(opts: ChangeOptions, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return opts.tx ? fn(opts.tx) : inConfigTransaction(fn);
}

/** The audit fields a change records: its own action unless a revert names another. */
export function auditAction(opts: ChangeOptions, own: string) {
  return { action: opts.action ?? own, revertOfId: opts.revertOfId ?? null };
}
