import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableName, isTable } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { openPostgres, type Postgres } from "../../src/db/pg/client.ts";
import * as pgSchema from "../../src/db/pg/schema.ts";
import { describePg, pgTestDatabase, type TestDatabase } from "../support/pg-cluster.ts";

/** SQLite tables of the search index: derived data kept in a local file, not on PostgreSQL. */
const SEARCH_INDEX_ONLY =
  /^(articles|passages|claims|topics|index_meta|lexicon_.*|.*_fts.*|.*_vocab)$/;
/** PostgreSQL tables with no SQLite counterpart. */
const POSTGRES_ONLY = new Set(["state_versions"]);

/** Each SQLite column type and the PostgreSQL types that hold the same values. */
const SAME_VALUES: Record<string, readonly string[]> = {
  INTEGER: ["integer", "bigint", "boolean"],
  TEXT: ["text", "jsonb"],
  REAL: ["double precision"],
};

interface Column {
  readonly type: string;
  readonly notNull: boolean;
}

type Tables = Map<string, Map<string, Column>>;

const flags = (unique: boolean, partial: boolean) =>
  [unique ? "unique" : "", partial ? "partial" : ""].join(" ").trim();

let dir: string;
let sqliteTables: Tables;
/** Index name → "unique"/"partial" flags, primary keys left out. */
let sqliteIndexes: Map<string, string>;
let database: TestDatabase;
let postgres: Postgres;
let pgTables: Tables;
let pgIndexes: Map<string, string>;
/** Foreign keys as "table.column -> table.column ON DELETE action". */
let sqliteForeignKeys: string[];
let pgForeignKeys: string[];

describePg("the PostgreSQL schema beside the SQLite one", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "beleg-schema-"));
    const sqlite = openDatabase(join(dir, "beleg.sqlite"));
    const client = sqlite.reader.$client;
    sqliteTables = new Map();
    const names = client
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    for (const { name } of names) {
      if (SEARCH_INDEX_ONLY.test(name) || name === "__drizzle_migrations") continue;
      const columns = client.prepare(`PRAGMA table_info("${name}")`).all() as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[];
      sqliteTables.set(
        name,
        new Map(
          columns.map((c) => [c.name, { type: c.type, notNull: c.notnull === 1 || c.pk > 0 }]),
        ),
      );
    }
    sqliteIndexes = new Map();
    for (const table of sqliteTables.keys()) {
      const list = client.prepare(`PRAGMA index_list("${table}")`).all() as {
        name: string;
        unique: number;
        origin: string;
        partial: number;
      }[];
      for (const index of list.filter((i) => i.origin === "c")) {
        sqliteIndexes.set(index.name, flags(index.unique === 1, index.partial === 1));
      }
    }
    sqliteForeignKeys = [...sqliteTables.keys()].flatMap((table) =>
      (
        client.prepare(`PRAGMA foreign_key_list("${table}")`).all() as {
          table: string;
          from: string;
          to: string;
          on_delete: string;
        }[]
      ).map((k) => `${table}.${k.from} -> ${k.table}.${k.to} ON DELETE ${k.on_delete}`),
    );
    sqlite.close();

    database = await pgTestDatabase();
    postgres = await openPostgres(database.url, {
      poolSize: 1,
      statementTimeoutMs: 2_000,
      connectTimeoutMs: 2_000,
    });
    const { rows } = await postgres.pool.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public'`,
    );
    pgTables = new Map();
    for (const row of rows) {
      if (POSTGRES_ONLY.has(row.table_name)) continue;
      const table = pgTables.get(row.table_name) ?? new Map<string, Column>();
      table.set(row.column_name, { type: row.data_type, notNull: row.is_nullable === "NO" });
      pgTables.set(row.table_name, table);
    }
    const indexes = await postgres.pool.query<{ name: string; unique: boolean; partial: boolean }>(
      `SELECT c.relname AS name, i.indisunique AS unique, i.indpred IS NOT NULL AS partial
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND NOT i.indisprimary`,
    );
    pgIndexes = new Map(indexes.rows.map((i) => [i.name, flags(i.unique, i.partial)]));
    const keys = await postgres.pool.query<{ key: string }>(
      `SELECT t.relname || '.' || a.attname || ' -> ' || r.relname || '.' || ra.attname
         || ' ON DELETE ' || CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL'
         WHEN 'd' THEN 'SET DEFAULT' WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END AS key
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
       WHERE c.contype = 'f'`,
    );
    pgForeignKeys = keys.rows.map((k) => k.key);
  });

  afterAll(async () => {
    await postgres?.close();
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("has the same shared tables: every SQLite table outside the search index, and no other", () => {
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
    // The drizzle schema module declares exactly the tables the migration made.
    const declared = Object.values(pgSchema).filter(isTable).map(getTableName);
    expect(declared.sort()).toEqual([...pgTables.keys(), ...POSTGRES_ONLY].sort());
  });

  it("has the same columns in each table, as nullable or not, holding the same kind of value", () => {
    for (const [table, sqliteColumns] of sqliteTables) {
      const pgColumns = pgTables.get(table) ?? new Map<string, Column>();
      expect([...pgColumns.keys()].sort(), table).toEqual([...sqliteColumns.keys()].sort());
      for (const [name, column] of sqliteColumns) {
        const pgColumn = pgColumns.get(name);
        expect(pgColumn?.notNull, `${table}.${name} not null`).toBe(column.notNull);
        expect(SAME_VALUES[column.type], `${table}.${name}`).toContain(pgColumn?.type);
      }
    }
  });

  it("has the same indexes besides the primary keys, as unique and partial as on SQLite", () => {
    expect([...pgIndexes].sort()).toEqual([...sqliteIndexes].sort());
  });

  it("has the same foreign keys, deleting alike", () => {
    expect(pgForeignKeys.sort()).toEqual(sqliteForeignKeys.sort());
    expect(pgForeignKeys.length).toBeGreaterThan(0);
  });
});
