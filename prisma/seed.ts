/**
 * First-run data: the first admin and a demo routing setup on simulated tiers, so a fresh
 * install has something to look at. Runs once per database (marker in Setting "seed.v1");
 * `npm start` calls it after migrating. Safe to run again: it does nothing the second time.
 */
import { generatePassword, hashPassword } from "../lib/auth/password.ts";
import { recordAudit, SYSTEM_ACTOR } from "../lib/db/audit-repo.ts";
import { db as sharedDb, type Db } from "../lib/db/prisma.ts";

const MARKER = "seed.v1";

export type SeedResult = { seeded: boolean; admin?: { email: string; generatedPassword?: string } };

export async function seed(opts: { adminEmail?: string; adminPassword?: string; demo: boolean }, db: Db = sharedDb): Promise<SeedResult> {
  if (await db.setting.findUnique({ where: { key: MARKER } })) return { seeded: false };
  const result: SeedResult = { seeded: true };
  if ((await db.user.count()) === 0) result.admin = await createFirstAdmin(db, opts.adminEmail, opts.adminPassword);
  if (opts.demo && (await db.tier.count()) === 0) await seedDemoConfig(db);
  await db.setting.create({ data: { key: MARKER, value: { at: new Date().toISOString() } } });
  return result;
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

/**
 * Simulated tiers priced like the models in data/ (see data/README.md). They replay the answers
 * those models gave in data/routing/routeprofile.jsonl; other prompts get a canned answer.
 */
const DEMO_TIERS = [
  { name: "fast", rank: 0, model: "llama-3.2-3b-instruct", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06, timeoutMs: 20_000, latency: [250, 700], errorRate: 0.01 },
  { name: "balanced", rank: 1, model: "mistral-small-24b-instruct-2501-bf16", inputUsdPerMTok: 0.8, outputUsdPerMTok: 0.8, timeoutMs: 30_000, latency: [500, 1300], errorRate: 0.005 },
  { name: "capable", rank: 2, model: "llama-3.3-70b-instruct", inputUsdPerMTok: 0.88, outputUsdPerMTok: 0.88, timeoutMs: 60_000, latency: [900, 2500], errorRate: 0 },
] as const;

function demoOptions(t: (typeof DEMO_TIERS)[number]) {
  return {
    demo: true,
    replay: { dataset: "routeprofile" },
    latency: { kind: "lognormal", medianMs: t.latency[0], p95Ms: t.latency[1] },
    errorRate: t.errorRate,
  };
}

async function seedDemoConfig(db: Db) {
  await db.$transaction(async (tx) => {
    const tiers = [];
    for (const t of DEMO_TIERS) {
      const { latency: _latency, errorRate: _errorRate, ...row } = t;
      tiers.push(await tx.tier.create({ data: { ...row, provider: "simulated", options: demoOptions(t) } }));
    }
    const byName = Object.fromEntries(tiers.map((t) => [t.name, t]));
    await tx.policy.create({
      data: {
        name: "default",
        isDefault: true,
        bias: 0.5,
        fallback: "quality_first",
        tiers: { create: [{ tierId: byName.fast.id, position: 0 }, { tierId: byName.capable.id, position: 1 }] },
      },
    });
    await tx.policy.create({
      data: {
        name: "three-tier",
        bias: 0.5,
        fallback: "quality_first",
        tiers: { create: DEMO_TIERS.map((t, i) => ({ tierId: byName[t.name].id, position: i })) },
      },
    });
  });
}
