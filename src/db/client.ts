import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema.ts";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations", import.meta.url));

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
const WRITE_WAIT_MS = 30_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

const hasCode = (error: unknown, prefix: string) =>
  error instanceof Error &&
  "code" in error &&
  String((error as { code: unknown }).code).startsWith(prefix);

const isBusy = (error: unknown) => hasCode(error, "SQLITE_BUSY");

/** A UNIQUE, CHECK or foreign-key constraint refused the write. */
export const isConstraintViolation = (error: unknown) => hasCode(error, "SQLITE_CONSTRAINT");

/** One reusable better-sqlite3 transaction function per connection: it takes the work as argument. */
const runners = new WeakMap<Db, Database.Transaction<(work: () => unknown) => unknown>>();

function runnerFor(db: Db) {
  let runner = runners.get(db);
  if (!runner) {
    runner = db.$client.transaction((work: () => unknown) => work());
    runners.set(db, runner);
  }
  return runner;
}

/**
 * Runs `work` in a BEGIN IMMEDIATE transaction. When another process holds the write lock it
 * retries after random pauses of up to 2 ms for WRITE_WAIT_MS: SQLite's own busy handler backs
 * off ever longer and let waiting writers starve while others kept winning.
 */
export function writeTransaction<T>(db: Db, work: (tx: Db) => T): T {
  const deadline = Date.now() + WRITE_WAIT_MS;
  const runner = runnerFor(db);
  for (;;) {
    try {
      return runner.immediate(() => work(db)) as T;
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      Atomics.wait(sleeper, 0, 0, Math.random() * 2);
    }
  }
}
