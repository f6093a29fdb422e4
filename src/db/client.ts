import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema.ts";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations", import.meta.url));

/** Start-up may wait this long for another process's lock: nothing is served yet. */
const STARTUP_WAIT_MS = 10_000;
/**
 * A reader in WAL mode waits only in rare moments (another process recovering or resetting the
 * log); this bounds how long such a read may hold the event loop.
 */
const READER_WAIT_MS = 250;

function connect(path: string, busyTimeoutMs: number): Db {
  const sqlite = new Database(path);
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  return drizzle(sqlite, { schema });
}

/** The connections of one process: reads on one, the write queue's transactions on the other. */
export interface Connections {
  readonly reader: Db;
  readonly writer: Db;
  close(): void;
}

/**
 * Opens (creating the folder if needed) and migrates the database. WAL lets readers and one
 * writer work at once, which several bot processes on one file rely on. The writer never waits
 * for a lock inside SQLite (busy_timeout 0): the write queue retries without blocking.
 */
export function openDatabase(path: string): Connections {
  mkdirSync(dirname(path), { recursive: true });
  const writer = connect(path, STARTUP_WAIT_MS);
  migrate(writer, { migrationsFolder: MIGRATIONS_DIR });
  writer.$client.pragma("busy_timeout = 0");
  const reader = connect(path, READER_WAIT_MS);
  return {
    reader,
    writer,
    close: () => {
      reader.$client.close();
      writer.$client.close();
    },
  };
}

const hasCode = (error: unknown, prefix: string) =>
  error instanceof Error &&
  "code" in error &&
  String((error as { code: unknown }).code).startsWith(prefix);

/** Another connection holds the lock. */
export const isBusy = (error: unknown) => hasCode(error, "SQLITE_BUSY");

/** A UNIQUE, CHECK or foreign-key constraint refused the write. */
export const isConstraintViolation = (error: unknown) => hasCode(error, "SQLITE_CONSTRAINT");
