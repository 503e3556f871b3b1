/**
 * First-run data: the first admin and a demo routing setup on simulated tiers, so a fresh
 * install has something to look at. Runs once per database (marker in Setting "seed.v1");
 * `npm start` calls it after migrating. Safe to run again: it does nothing the second time.
 */
import { generatePassword, hashPassword } from "../lib/auth/password";
import { recordAudit, SYSTEM_ACTOR } from "../lib/db/audit-repo";
import { importDataset } from "../lib/datasets/import-dataset";
import { readFileSync } from "node:fs";
import path from "node:path";
import { db as sharedDb, type Db } from "../lib/db/prisma";
import { DEMO_DATASET } from "../lib/demo/demo-dataset";
import { DEMO_EXPLORE, DEMO_HEDGING, DEMO_SHADOW, DEMO_RULES, DEMO_SUPPORT_POLICY, DEMO_TIERS, demoOptions } from "../lib/demo/demo-tiers";

const MARKER = "seed.v1";

export type SeedResult = {
  seeded: boolean;
  admin?: { email: string; generatedPassword?: string };
  demoTraffic?: { requests: number; labels: number; ms: number } | { error: string };
  demoDataset?: { name: string; rows: number } | { error: string };
};

/**
 * `demo` (FRONTDESK_SEED_DEMO): demo tiers and policies, the shipped RouteProfile outcomes as an
 * imported dataset (so /jobs can retrain right away) and, when `db` is the process's database
 * (npm start), a backfilled demo week of traffic through them (lib/demo; `demoTraffic: false`
 * skips only the traffic).
 */
type SeedOptions = { adminEmail?: string; adminPassword?: string; demo: boolean; demoTraffic?: boolean };

/** Advisory-lock key of the seed (next to the migrations' 72707369). */
const SEED_LOCK_KEY = 72707370;

/**
 * Two instances starting together on an empty database take turns: the seed runs while a
 * transaction holds an advisory lock, so the second waits for the first to finish and then finds
 * the marker — one first admin, one demo setup. (The work itself runs on the client's other
 * connections; the lock's transaction only waits, for as long as a seed with demo traffic takes.)
 */
export async function seed(opts: SeedOptions, db: Db = sharedDb): Promise<SeedResult> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
      return seedOnce(opts, db);
    },
    { maxWait: 60_000, timeout: 30 * 60_000 },
  );
}

async function seedOnce(opts: SeedOptions, db: Db): Promise<SeedResult> {
  if (await db.setting.findUnique({ where: { key: MARKER } })) return { seeded: false };
  const result: SeedResult = { seeded: true };
  if ((await db.user.count()) === 0) result.admin = await createFirstAdmin(db, opts.adminEmail, opts.adminPassword);
  if (opts.demo && (await db.tier.count()) === 0) {
    await seedDemoConfig(db);
    await activateShippedClassifier(db, "default");
    await activateShippedClassifier(db, DEMO_SUPPORT_POLICY);
    result.demoDataset = await importDemoDataset(db);
    if (opts.demoTraffic !== false && db === sharedDb) result.demoTraffic = await backfill();
  }
  await db.setting.create({ data: { key: MARKER, value: { at: new Date().toISOString() } } });
  return result;
}

/** A failed backfill must not stop the first start: the console simply starts empty. */
async function backfill(): Promise<SeedResult["demoTraffic"]> {
  try {
    const { backfillDemoTraffic } = await import("../lib/demo/backfill-demo-traffic");
    return await backfillDemoTraffic();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

async function createFirstAdmin(db: Db, email = "admin@frontdesk.local", password?: string) {
  const generatedPassword = password ? undefined : generatePassword();
  const user = await db.user.create({
    data: { email: email.trim().toLowerCase(), name: "Admin", role: "admin", passwordHash: await hashPassword(password ?? generatedPassword!) },
    select: { id: true, email: true, role: true },
  });
  await recordAudit(SYSTEM_ACTOR, { action: "user.create", targetType: "user", targetId: user.id, after: { email: user.email, role: user.role, firstAdmin: true } }, db);
  return { email: user.email, generatedPassword };
}

async function seedDemoConfig(db: Db) {
  await db.$transaction(async (tx) => {
    const tiers = [];
    for (const t of DEMO_TIERS) {
      const { latency: _latency, errorRate: _errorRate, ...row } = t;
      tiers.push(await tx.tier.create({ data: { ...row, provider: "simulated", options: demoOptions(t) } }));
    }
    const byName = Object.fromEntries(tiers.map((t) => [t.name, t]));
    const rules = { create: DEMO_RULES.map((r, position) => ({ name: r.name, position, match: r.match as never, targetTierId: byName[r.tier].id })) };
    await tx.policy.create({
      data: {
        name: "default",
        isDefault: true,
        bias: 0.5,
        fallback: "quality_first",
        tiers: { create: [{ tierId: byName.fast.id, position: 0 }, { tierId: byName.capable.id, position: 1 }] },
        rules,
      },
    });
    await tx.policy.create({
      data: {
        name: "three-tier",
        bias: 0.5,
        fallback: "quality_first",
        description: "Every demo tier; hedges borderline decisions.",
        hedging: DEMO_HEDGING,
        tiers: { create: DEMO_TIERS.map((t, i) => ({ tierId: byName[t.name].id, position: i })) },
        rules,
      },
    });
    await tx.policy.create({
      data: {
        name: DEMO_SUPPORT_POLICY,
        bias: 0.5,
        fallback: "quality_first",
        description: "A support desk's traffic: mostly simple questions. Explores a little and shadows 5% of its answers, so the lab can replay it.",
        explore: DEMO_EXPLORE,
        shadow: DEMO_SHADOW,
        tiers: { create: [{ tierId: byName.fast.id, position: 0 }, { tierId: byName.capable.id, position: 1 }] },
        rules,
      },
    });
  });
}

/**
 * The classifier shipped in lib/classifier/default-model.json (made by `npm run train:default`
 * from data/) becomes the active version of the policy whose tiers it was trained for.
 */
async function activateShippedClassifier(db: Db, policyName: string) {
  const file = path.resolve(import.meta.dirname, "../lib/classifier/default-model.json");
  const artifact = JSON.parse(readFileSync(file, "utf8")) as { id: string; tiers: string[] };
  const policy = await db.policy.findUnique({ where: { name: policyName }, include: { tiers: { orderBy: { position: "asc" }, include: { tier: true } } } });
  if (!policy || policy.tiers.map((t) => t.tier.name).join("|") !== artifact.tiers.join("|")) return;
  const version = await db.classifierVersion.create({
    data: {
      name: `shipped ${artifact.id}`,
      policyId: policy.id,
      artifact: artifact as never,
      metrics: {},
      dataSummary: { source: "lib/classifier/default-model.json (npm run train:default)" },
      status: "active",
      promotedAt: new Date(),
    },
  });
  await db.policy.update({ where: { id: policy.id }, data: { activeClassifierVersionId: version.id } });
}

/**
 * data/routing/routeprofile.jsonl as an imported dataset, by the first admin (its models are the
 * demo tiers'), so the first retraining job on /jobs has data. Never fails the first start.
 */
async function importDemoDataset(db: Db): Promise<SeedResult["demoDataset"]> {
  try {
    const admin = await db.user.findFirst({ where: { role: "admin" }, orderBy: { createdAt: "asc" }, select: { id: true, email: true } });
    const text = readFileSync(path.resolve(import.meta.dirname, "..", DEMO_DATASET.file), "utf8");
    const { dataset } = await importDataset(admin ?? SYSTEM_ACTOR, { name: DEMO_DATASET.name, text, source: DEMO_DATASET.source }, db);
    return { name: dataset.name, rows: dataset.rowCount };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
