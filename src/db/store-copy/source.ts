import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { TypedValue } from "./checksum.ts";
import type { CopiedTable } from "./tables.ts";

const MIGRATIONS_DIR = fileURLToPath(new URL("../../../migrations", import.meta.url));

/** Why a copy or check was refused before anything was written; the message is for the user. */
export class StoreCopyRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreCopyRefused";
  }
}

/** A Beleg SQLite file opened read-only, inside one read transaction: one snapshot throughout. */
export interface SqliteSource {
  /** The rows of a table as the PostgreSQL schema types them, in the table's column order. */
  rows(table: CopiedTable): IterableIterator<TypedValue[]>;
  close(): void;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Opens `path` read-only and checks that it is a Beleg database at the migration this version
 * knows: an older one must be opened by Beleg once (which migrates it), a newer one was written
 * by a newer Beleg. Every table to copy must have the columns the PostgreSQL schema names.
 */
export function openSqliteSource(path: string, tables: readonly CopiedTable[]): SqliteSource {
  if (!existsSync(path)) throw new StoreCopyRefused(`There is no database file at ${path}.`);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true });
    sqlite.prepare("SELECT count(*) FROM sqlite_master").get();
  } catch (error) {
    throw new StoreCopyRefused(`${path} is not a SQLite database: ${(error as Error).message}`);
  }
  try {
    checkMigrated(sqlite, path);
    for (const table of tables) checkColumns(sqlite, path, table);
    sqlite.exec("BEGIN");
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return {
    rows: (table) => readRows(sqlite, table),
    close: () => {
      if (sqlite.inTransaction) sqlite.exec("COMMIT");
      sqlite.close();
    },
  };
}

function checkMigrated(sqlite: Database.Database, path: string): void {
  const hasJournal = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!hasJournal) {
    throw new StoreCopyRefused(
      `${path} is not a Beleg database (it has no __drizzle_migrations table).`,
    );
  }
  const known = Math.max(
    ...readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).map((m) => m.folderMillis),
  );
  const applied = Number(
    sqlite.prepare("SELECT max(created_at) AS at FROM __drizzle_migrations").pluck().get() ?? 0,
  );
  if (applied < known) {
    throw new StoreCopyRefused(
      `${path} was written by an older Beleg version and is not migrated yet. Start Beleg once ` +
        `on it (for example DATABASE_PATH=${path} npm run cli -- claims reports), then copy again.`,
    );
  }
  if (applied > known) {
    throw new StoreCopyRefused(
      `${path} was migrated by a newer Beleg version than this one; copy it with that version.`,
    );
  }
}

function checkColumns(sqlite: Database.Database, path: string, table: CopiedTable): void {
  const present = new Set(
    sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table.name) as string[],
  );
  const missing = table.columns.map((c) => c.name).filter((c) => !present.has(c));
  if (missing.length > 0) {
    throw new StoreCopyRefused(
      `${path} has no ${present.size === 0 ? "table" : `columns ${missing.join(", ")} in table`} ` +
        `${table.name}, which the PostgreSQL schema has: this Beleg version's SQLite and ` +
        "PostgreSQL schemas disagree.",
    );
  }
}

function* readRows(sqlite: Database.Database, table: CopiedTable): IterableIterator<TypedValue[]> {
  const columns = table.columns.map((c) => quote(c.name)).join(", ");
  const statement = sqlite.prepare(`SELECT ${columns} FROM ${quote(table.name)}`).raw(true);
  // Integers as bigint: a value beyond 2^53 is refused instead of silently rounded.
  statement.safeIntegers(true);
  for (const raw of statement.iterate() as IterableIterator<unknown[]>) {
    yield table.columns.map((column, i) => column.fromSqlite(raw[i]));
  }
}
