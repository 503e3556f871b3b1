/**
 * Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm), driven through
 * the pg driver adapter. It replaces the native engine that `prisma migrate diff` downloads,
 * which machines without internet cannot fetch. Used only by development tooling
 * (generating migrations, the schema-drift test), never by the running app.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);
const PG_CHAR_OID = 18; // the internal one-byte "char" type of pg_catalog
const PG_TEXT_OID = 25;

type WasmBindings = {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: { new: (opts: unknown, log: (line: string) => void, adapter: object) => Promise<SchemaEngineApi> };
};

export type SchemaEngineApi = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string }>;
  free(): void;
};

let bindings: Promise<WasmBindings> | undefined;

/** The wasm engine reports Rust panics through this global before throwing. */
const panics = { last: "" };
(globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message: string) {
    panics.last = message;
  },
};

async function loadBindings(): Promise<WasmBindings> {
  const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const dir = path.dirname(glue);
  const bg = (await import(glue)) as WasmBindings;
  const wasmModule = new WebAssembly.Module(await readFile(path.join(dir, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(wasmModule, { "./schema_engine_bg.js": bg as never });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  return bg;
}

/**
 * The pg adapter refuses pg_catalog's one-byte "char" columns (e.g. pg_constraint.contype),
 * which the engine's introspection reads and expects as Character values. Read them as text,
 * then label those columns Character in the adapter's result.
 */
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils
const charColumns = new WeakMap<object, number[]>();

function patchCharColumns(adapter: object) {
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  if (!proto || proto.__frontdeskPatched) return;
  const performIO = proto.performIO;
  proto.performIO = async function (this: unknown, query: unknown) {
    const result = await performIO.call(this, query);
    const indices: number[] = [];
    (result?.fields ?? []).forEach((field: { dataTypeID: number }, i: number) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indices.push(i);
      }
    });
    if (indices.length) charColumns.set(result.rows, indices);
    return result;
  };
  const queryRaw = proto.queryRaw;
  proto.queryRaw = async function (this: unknown, query: unknown) {
    const result = await queryRaw.call(this, query);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return result;
  };
  proto.__frontdeskPatched = true;
}

/** pg lets a connectionString override `database`, which breaks shadow databases: pass fields. */
function poolConfig(url: string) {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname),
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || "postgres"),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.slice(1) || "postgres"),
  };
}

type Adapter = { executeScript(sql: string): Promise<void>; dispose(): Promise<void> };

/**
 * A shadow database the engine replays migrations into. Replaces the pg adapter's own, which
 * drops the database while its pool is still connected (and so fails to drop it).
 */
async function connectToShadowDb(config: ReturnType<typeof poolConfig>): Promise<Adapter> {
  const admin = (await new PrismaPg(config).connect()) as unknown as Adapter;
  const database = `frontdesk_shadow_${randomUUID().replaceAll("-", "")}`;
  await admin.executeScript(`CREATE DATABASE "${database}"`);
  const shadow = (await new PrismaPg({ ...config, database }).connect()) as unknown as Adapter;
  patchCharColumns(shadow);
  // The adapter splits a script at every ";", which breaks a DO block (and a comment holding a
  // ";"): send each migration whole, in one simple query, as the native `prisma migrate` does.
  const pool = (shadow as unknown as { client: { query(sql: string): Promise<unknown> } }).client;
  shadow.executeScript = async (sql) => {
    await pool.query(sql);
  };
  const dispose = shadow.dispose.bind(shadow);
  shadow.dispose = async () => {
    await dispose();
    await admin.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.dispose();
  };
  return shadow;
}

export async function openSchemaEngine(schemaText: string, databaseUrl: string): Promise<SchemaEngineApi> {
  bindings ??= loadBindings();
  const bg = await bindings;
  const config = poolConfig(databaseUrl);
  const factory = new PrismaPg(config) as unknown as Record<string, () => Promise<object>>;
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    patchCharColumns(adapter);
    return adapter;
  };
  factory.connectToShadowDb = () => connectToShadowDb(config);
  const bound = bindMigrationAwareSqlAdapterFactory(factory as never);
  return bg.SchemaEngine.new({ datamodels: [["schema.prisma", schemaText]] }, () => {}, bound);
}

export type MigrationDir = { name: string; sql: string };

const filters = { externalTables: [], externalEnums: [] };

/**
 * SQL that takes a database from "all migrations applied" to the schema. Needs a Postgres
 * server to replay the migrations into a throwaway shadow database (created and dropped here).
 */
export async function diffMigrationsToSchema(opts: {
  schemaText: string;
  migrations: MigrationDir[];
  migrationsDir: string;
  databaseUrl: string;
}): Promise<string> {
  const engine = await openSchemaEngine(opts.schemaText, opts.databaseUrl);
  try {
    const files = [{ path: "schema.prisma", content: opts.schemaText }];
    const from =
      opts.migrations.length === 0
        ? { tag: "empty" }
        : {
            tag: "migrations",
            baseDir: opts.migrationsDir,
            lockfile: { path: "migration_lock.toml", content: 'provider = "postgresql"\n' },
            shadowDbInitScript: "",
            migrationDirectories: opts.migrations.map((m) => ({
              path: m.name,
              migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
            })),
          };
    try {
      const result = await engine.diff({ from, to: { tag: "schemaDatamodel", files }, script: true, exitCode: null, filters });
      return result.stdout;
    } catch (error) {
      throw new Error(`schema engine: ${panics.last || (error instanceof Error ? error.message : String(error))}`);
    }
  } finally {
    engine.free();
  }
}
