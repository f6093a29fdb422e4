import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { ROOT } from "./workers.ts";

const run = promisify(execFile);

/** A fresh database for the answers on PostgreSQL, dropped (and its cluster stopped) by close. */
export interface BenchDatabase {
  readonly url: string;
  /** The server's fsync setting: a benchmark with fsync off must say so. */
  readonly fsync: string;
  /** Where the server came from: `--pg-url`/DATABASE_URL, or a throwaway cluster. */
  readonly server: "given" | "throwaway";
  close(): Promise<void>;
}

/** Only a server on this machine: the bench creates and drops a database on it. */
function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (host !== "127.0.0.1" && host !== "localhost")
    throw new Error(`--pg-url must name a server on 127.0.0.1, not ${host}`);
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

/** A cluster of .ci/pg-start with fsync on (the tests' clusters have it off). */
async function throwawayCluster(): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "beleg-bench-pg-"));
  const stop = async () => {
    await run(join(ROOT, ".ci/pg-stop"), [dir]);
  };
  try {
    const { stdout } = await run(join(ROOT, ".ci/pg-start"), [dir, String(await freePort())], {
      env: { ...process.env, PG_FSYNC: "on" },
    });
    return { adminUrl: stdout.trim(), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A fresh database on the server at `givenUrl` (127.0.0.1 only), or else on a throwaway cluster
 * started here with fsync on.
 */
export async function benchDatabase(givenUrl: string | undefined): Promise<BenchDatabase> {
  if (givenUrl) assertLocal(givenUrl);
  const cluster = givenUrl ? undefined : await throwawayCluster();
  const adminUrl = givenUrl ?? (cluster as { adminUrl: string }).adminUrl;
  const name = `beleg_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const { rows } = await admin.query<{ fsync: string }>("SHOW fsync");
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      fsync: rows[0]?.fsync ?? "?",
      server: givenUrl ? "given" : "throwaway",
      close: async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
        await cluster?.stop();
      },
    };
  } catch (error) {
    await admin.end().catch(() => undefined);
    await cluster?.stop();
    throw error;
  }
}
