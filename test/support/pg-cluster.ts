import { execFile, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe } from "vitest";

/**
 * PostgreSQL for tests. BELEG_TEST_PG_URL names a server to create throwaway databases on (CI);
 * without it, where Debian's server binaries are installed, one throwaway cluster per test process
 * is started on 127.0.0.1 and removed at exit; otherwise the PostgreSQL tests are skipped with the
 * reason, unless BELEG_REQUIRE_PG=1 makes them fail.
 */

const run = promisify(execFile);

const PG_ROOT = "/usr/lib/postgresql";

/** The newest installed server's bin folder, if any. */
function serverBinaries(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(join(PG_ROOT, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(PG_ROOT, versions[0], "bin");
}

const externalUrl = process.env.BELEG_TEST_PG_URL || undefined;
const binaries = serverBinaries();

const required = process.env.BELEG_REQUIRE_PG === "1";

/** Why the PostgreSQL tests cannot run here, or undefined when they can (or must). */
export const PG_SKIP_REASON: string | undefined =
  externalUrl || binaries || required
    ? undefined
    : `no PostgreSQL: set BELEG_TEST_PG_URL or install Debian's postgresql (no initdb under ${PG_ROOT})`;

/** Why no cluster of its own can be started here (a restart test needs one), or undefined. */
export const CLUSTER_SKIP_REASON: string | undefined =
  binaries || required
    ? undefined
    : `no PostgreSQL server binaries under ${PG_ROOT} to start a throwaway cluster`;

/**
 * `describe`, skipped with the reason in its name where no PostgreSQL can be had (or, with
 * `ownCluster`, where no cluster can be started to stop and start); BELEG_REQUIRE_PG=1 runs it
 * anyway, so that it fails.
 */
export function describePg(name: string, body: () => void, ownCluster = false): void {
  const reason = ownCluster ? CLUSTER_SKIP_REASON : PG_SKIP_REASON;
  if (reason === undefined) {
    describe(name, body);
    return;
  }
  console.warn(`PostgreSQL tests skipped: ${reason}`);
  describe.skip(`${name} (skipped: ${reason})`, body);
}

/** A throwaway cluster this support started: its server can be stopped and started again. */
export interface TestCluster {
  /** The URL of its `postgres` database. */
  readonly adminUrl: string;
  /** Stops the server (fast shutdown: open connections are cut). */
  stop(): Promise<void>;
  /** Starts the stopped server again on the same port and data. */
  start(): Promise<void>;
}

const isRoot = process.getuid?.() === 0;

/** Runs a server binary, as the `postgres` user when running as root (initdb refuses root). */
function runServerTool(bin: string, tool: string, args: readonly string[]) {
  const path = join(bin, tool);
  return isRoot ? run("runuser", ["-u", "postgres", "--", path, ...args]) : run(path, [...args]);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(address),
      );
    });
  });
}

let clusterStarting: Promise<TestCluster> | undefined;

/** This process's throwaway cluster, started on first use and removed when the process exits. */
export function testCluster(): Promise<TestCluster> {
  if (binaries === undefined) {
    return Promise.reject(
      new Error(`no PostgreSQL server binaries under ${PG_ROOT} to start a cluster with`),
    );
  }
  clusterStarting ??= startCluster(binaries);
  return clusterStarting;
}

async function startCluster(bin: string): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), "beleg-pg-"));
  const data = join(dir, "data");
  const log = join(dir, "log");
  if (isRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
    chownSync(dir, uid, gid);
  }
  removeWhenGone(process.pid, bin, dir);
  await runServerTool(bin, "initdb", [
    ...["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
    "--no-sync",
  ]);
  const port = await freePort();
  // Tests only: fsync off (a crash of the machine may lose the cluster, which is thrown away).
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => {
    await runServerTool(bin, "pg_ctl", ["-D", data, "-l", log, "-w", "-o", serverOptions, "start"]);
  };
  const stop = async () => {
    await runServerTool(bin, "pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  };
  await start();
  return { adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, stop, start };
}

/**
 * A detached watcher stops the cluster and removes its folder once this process is gone: a test
 * worker may end without running exit handlers.
 */
function removeWhenGone(pid: number, bin: string, dir: string): void {
  const asPostgres = isRoot ? "runuser -u postgres -- " : "";
  const script = [
    'while kill -0 "$1" 2>/dev/null; do sleep 0.5; done',
    `${asPostgres}"$2/pg_ctl" -D "$3/data" -m immediate -w stop >/dev/null 2>&1`,
    'rm -rf "$3"',
  ].join("\n");
  spawn("sh", ["-c", script, "pg-cleanup", String(pid), bin, dir], {
    detached: true,
    stdio: "ignore",
  }).unref();
}

export interface TestDatabase {
  /** A fresh, empty database's URL. */
  readonly url: string;
  /** Drops the database (its connections are cut). */
  close(): Promise<void>;
}

/**
 * A fresh empty database on BELEG_TEST_PG_URL's server or on this process's throwaway cluster,
 * or on the server of `cluster` (a test that stops and starts it).
 */
export async function pgTestDatabase(cluster?: TestCluster): Promise<TestDatabase> {
  const adminUrl = cluster?.adminUrl ?? externalUrl ?? (await testCluster()).adminUrl;
  const name = `beleg_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    close: () => onAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function onAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
