/**
 * The one Prisma client (Prisma 7, pg driver adapter: no native engine). Created lazily on
 * first use so that importing this module never needs a database (next build, tests).
 * Secret columns are omitted by default; code that needs one asks for it explicitly.
 * Node-side only: client components must not import lib/db (ESLint enforces it).
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "../env";
import { PrismaClient } from "./generated/client";
import { closePgPool } from "./pg-pool";

const OMIT = {
  user: { passwordHash: true },
  apiKey: { hash: true },
  providerCredential: { secret: true, headers: true, deploymentKeys: true },
  alertChannel: { secret: true },
} as const;

export function createPrismaClient(connectionString: string, poolSize = 10) {
  const adapter = new PrismaPg({ connectionString, max: poolSize, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({ adapter, omit: OMIT });
}

export type Db = ReturnType<typeof createPrismaClient>;

const holder = globalThis as typeof globalThis & { __frontdeskDb?: Db };

function client(): Db {
  if (!holder.__frontdeskDb) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database).");
    holder.__frontdeskDb = createPrismaClient(url);
  }
  return holder.__frontdeskDb;
}

/** The shared client. Property access creates it on first use. */
export const db: Db = new Proxy({} as Db, {
  get(_, property) {
    const target = client();
    const value = Reflect.get(target, property, target);
    return typeof value === "function" ? value.bind(target) : value;
  },
});

export async function disconnectDb() {
  await holder.__frontdeskDb?.$disconnect();
  holder.__frontdeskDb = undefined;
  await closePgPool();
}
