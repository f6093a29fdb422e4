import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema.ts";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations", import.meta.url));

export interface OpenOptions {
  /** Milliseconds a writer waits for another process's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  readonly?: boolean;
}

/**
 * Opens (creating the folder if needed) and migrates the database. WAL lets readers and one
 * writer work at once, which several bot processes on one file rely on.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { readonly: options.readonly ?? false });
  sqlite.pragma("busy_timeout = 5000");
  if (!options.readonly) {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
  }
  sqlite.pragma("foreign_keys = ON");
  const db = drizzle(sqlite, { schema });
  if (!options.readonly) migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  // Short from here on: writeTransaction retries with its own, fairer pauses (see there).
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 20)}`);
  return db;
}

/** How long a writer keeps trying for the lock before SQLITE_BUSY reaches the caller. */
export const WRITE_WAIT_MS = 30_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

const isBusy = (error: unknown) =>
  error instanceof Error &&
  "code" in error &&
  String((error as { code: unknown }).code).startsWith("SQLITE_BUSY");

type Transaction = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * A write transaction that several processes can share a file with. It takes the write lock when
 * it begins (BEGIN IMMEDIATE): a deferred one that reads first cannot wait for the lock in WAL
 * mode. And it retries after short random pauses: SQLite's own busy handler backs off to 100 ms
 * sleeps, so under steady load from other writers one process can starve until its timeout.
 */
export function writeTransaction<T>(db: Db, work: (tx: Transaction) => T): T {
  const deadline = Date.now() + WRITE_WAIT_MS;
  for (;;) {
    try {
      return db.transaction(work, { behavior: "immediate" });
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      Atomics.wait(sleeper, 0, 0, Math.random() * 2);
    }
  }
}
