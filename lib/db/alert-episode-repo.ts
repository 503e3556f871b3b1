/**
 * Alert episodes and the delivery log. Evaluation applies its plan in one transaction under an
 * advisory lock, so two workers evaluating at once still open an episode (and notify) once; the
 * delivery loop claims due rows with FOR UPDATE SKIP LOCKED and a short lease, so two loops never
 * send the same row at the same time.
 */
import type { Prisma } from "./generated/client";
import { db } from "./prisma";

const EVALUATION_LOCK = 0x4644_414c; // "FDAL"

export type EpisodeInput = { key: string; kind: string; title: string; message: string };
export type EpisodeRow = { id: string; key: string; kind: string; title: string; message: string; openedAt: Date; resolvedAt: Date | null };
export type DeliveryPayload = Prisma.InputJsonValue;

type Tx = Prisma.TransactionClient;

export type EpisodeStore = {
  /** Open episodes, and for each other key seen, its latest resolved one. */
  open(): Promise<EpisodeRow[]>;
  lastResolved(keys: string[]): Promise<EpisodeRow[]>;
  create(input: EpisodeInput, at: Date): Promise<EpisodeRow>;
  reopen(id: string, input: EpisodeInput, at: Date): Promise<void>;
  touch(ids: string[], at: Date): Promise<void>;
  resolve(id: string, at: Date): Promise<EpisodeRow>;
  enqueue(episode: EpisodeRow, event: "fired" | "resolved", payload: (channelId: string) => DeliveryPayload): Promise<number>;
};

function store(tx: Tx): EpisodeStore {
  return {
    open: () => tx.alertEpisode.findMany({ where: { resolvedAt: null }, orderBy: { openedAt: "asc" } }),
    lastResolved: (keys) =>
      keys.length
        ? tx.alertEpisode.findMany({ where: { key: { in: keys }, resolvedAt: { not: null } }, orderBy: [{ key: "asc" }, { resolvedAt: "desc" }], distinct: ["key"] })
        : Promise.resolve([]),
    create: (input, at) => tx.alertEpisode.create({ data: { ...input, openedAt: at, lastSeenAt: at } }),
    reopen: async (id, input, at) => {
      await tx.alertEpisode.update({ where: { id }, data: { resolvedAt: null, lastSeenAt: at, title: input.title, message: input.message } });
    },
    touch: async (ids, at) => {
      if (ids.length) await tx.alertEpisode.updateMany({ where: { id: { in: ids } }, data: { lastSeenAt: at } });
    },
    resolve: (id, at) => tx.alertEpisode.update({ where: { id }, data: { resolvedAt: at } }),
    enqueue: async (episode, event, payload) => {
      const channels = await tx.alertChannel.findMany({
        where: { enabled: true, OR: [{ kinds: { isEmpty: true } }, { kinds: { has: episode.kind } }] },
        select: { id: true },
      });
      if (!channels.length) return 0;
      await tx.alertDelivery.createMany({
        data: channels.map((c) => ({ channelId: c.id, episodeId: episode.id, kind: episode.kind, episodeKey: episode.key, event, payload: payload(c.id) })),
      });
      return channels.length;
    },
  };
}

/** Runs `fn` with the episode store in one transaction, unless another evaluation holds the lock (then null). */
export async function withEpisodeStore<T>(fn: (s: EpisodeStore) => Promise<T>): Promise<T | null> {
  return db.$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_xact_lock(${EVALUATION_LOCK}) AS locked`;
      return locked ? fn(store(tx)) : null;
    },
    { timeout: 30_000 },
  );
}

export type ClaimedDelivery = { id: string; channelId: string; kind: string; episodeKey: string; event: string; payload: unknown; attempts: number };

/** Up to `limit` pending deliveries that are due, leased for `leaseMs` (their next attempt moved past the lease). */
export function claimDueDeliveries(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  return db.$queryRaw<ClaimedDelivery[]>`
    UPDATE "AlertDelivery" d SET "nextAttemptAt" = now() + make_interval(secs => ${leaseMs / 1000}::float8)
    WHERE d.id IN (
      SELECT id FROM "AlertDelivery" WHERE status = 'pending' AND "nextAttemptAt" <= now()
      ORDER BY "nextAttemptAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d."channelId", d.kind, d."episodeKey", d.event, d.payload, d.attempts`;
}

/** One attempt's outcome: sent, failed for good, or pending again at `retryAt`. */
export function recordDeliveryAttempt(id: string, outcome: { ok: true } | { ok: false; error: string; retryAt: Date | null }) {
  const now = new Date();
  return db.alertDelivery.update({
    where: { id },
    data: outcome.ok
      ? { attempts: { increment: 1 }, status: "sent", sentAt: now, lastError: null }
      : { attempts: { increment: 1 }, status: outcome.retryAt ? "pending" : "failed", lastError: outcome.error.slice(0, 1000), nextAttemptAt: outcome.retryAt ?? now },
  });
}

export function insertTestDelivery(channelId: string, payload: DeliveryPayload) {
  return db.alertDelivery.create({ data: { channelId, kind: "test", episodeKey: "test", event: "test", payload, nextAttemptAt: new Date(Date.now() + 60_000) } });
}

export const deliverySelect = {
  id: true,
  kind: true,
  episodeKey: true,
  event: true,
  payload: true,
  attempts: true,
  status: true,
  lastError: true,
  createdAt: true,
  sentAt: true,
  nextAttemptAt: true,
  channel: { select: { id: true, name: true, kind: true } },
} as const;

export async function listDeliveries(opts: { page: number; pageSize: number; channelId?: string }) {
  const where = opts.channelId ? { channelId: opts.channelId } : {};
  const [items, total] = await Promise.all([
    db.alertDelivery.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (opts.page - 1) * opts.pageSize, take: opts.pageSize, select: deliverySelect }),
    db.alertDelivery.count({ where }),
  ]);
  return { items, total };
}

export function findDelivery(id: string) {
  return db.alertDelivery.findUnique({ where: { id }, select: deliverySelect });
}

/** Retention: deliveries, resolved episodes and breaker transitions older than `before`. */
export async function pruneAlertRows(before: Date): Promise<number> {
  const [deliveries, episodes, transitions] = await db.$transaction([
    db.alertDelivery.deleteMany({ where: { createdAt: { lt: before }, status: { not: "pending" } } }),
    db.alertEpisode.deleteMany({ where: { resolvedAt: { lt: before } } }),
    db.breakerTransition.deleteMany({ where: { at: { lt: before } } }),
  ]);
  return deliveries.count + episodes.count + transitions.count;
}
