import { getTableColumns, getTableName, isTable } from "drizzle-orm";
import { getTableConfig, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import * as pgSchema from "../pg/schema.ts";
import type { TypedValue } from "./checksum.ts";

/**
 * What `store copy` copies, read from the PostgreSQL schema objects: every table of
 * src/db/pg/schema.ts but those named here, so a table added there later is copied (and
 * checked) without new code, and a table that cannot be copied must be named with its reason.
 */
export const NOT_COPIED: Readonly<Record<string, string>> = {
  owners:
    "leases of the processes running on the SQLite file; copied, they would look alive on " +
    "PostgreSQL (up to 10 minutes) and keep their running rounds from being recovered",
};

/** How one column's values pass from SQLite to PostgreSQL and are compared on both sides. */
export interface CopiedColumn {
  readonly name: string;
  /** A SQLite value (integers read as bigint) as the PostgreSQL schema types it. */
  fromSqlite(value: unknown): TypedValue;
  /** A raw `pg` value (int8 as text, jsonb parsed) as the schema types it. */
  fromPostgres(value: unknown): TypedValue;
  /** A typed value as a query parameter. */
  toParameter(value: TypedValue): unknown;
}

export interface CopiedTable {
  readonly name: string;
  readonly columns: readonly CopiedColumn[];
  /** Names of the primary key's columns: how a row already in PostgreSQL is found. */
  readonly primaryKey: readonly string[];
}

export interface CopyPlan {
  /** Parents before the tables whose foreign keys refer to them. */
  readonly tables: readonly CopiedTable[];
  readonly notCopied: readonly { readonly table: string; readonly reason: string }[];
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
/** PostgreSQL's text and jsonb cannot hold the character U+0000; SQLite's text can. */
const NO_NUL = "text without the character U+0000, which PostgreSQL cannot store";

function refuse(where: string, expected: string, value: unknown): never {
  const shown = typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value);
  throw new Error(`${where} holds ${shown} (${typeof value}) where ${expected} is expected`);
}

/** Whether a parsed JSON value holds U+0000 in a string or a key. */
function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\0");
  if (value === null || typeof value !== "object") return false;
  return Object.entries(value).some(([k, v]) => k.includes("\0") || holdsNul(v));
}

function sqliteConversion(where: string, column: PgColumn): (value: unknown) => TypedValue {
  switch (column.dataType) {
    case "boolean":
      return (v) => (v === 0n || v === 1n ? v === 1n : refuse(where, "0 or 1", v));
    case "json":
      return (v) => {
        if (typeof v !== "string") return refuse(where, "JSON text", v);
        try {
          const parsed = JSON.parse(v) as TypedValue;
          return holdsNul(parsed) ? refuse(where, NO_NUL, v) : parsed;
        } catch (error) {
          if (error instanceof SyntaxError) return refuse(where, "JSON text", v);
          throw error;
        }
      };
    case "number":
      return (v) => {
        if (typeof v === "number") return v;
        if (typeof v !== "bigint") return refuse(where, "a number", v);
        if (v > MAX_EXACT || v < -MAX_EXACT) return refuse(where, "a number within 2^53", v);
        return Number(v);
      };
    case "bigint":
      return (v) => (typeof v === "bigint" ? v : refuse(where, "an integer", v));
    case "string":
      return (v) => {
        if (typeof v !== "string") return refuse(where, "text", v);
        return v.includes("\0") ? refuse(where, NO_NUL, v) : v;
      };
    default:
      throw new Error(`${where}: no conversion from SQLite for ${column.columnType}`);
  }
}

function copiedColumn(tableName: string, column: PgColumn): CopiedColumn {
  const where = `${tableName}.${column.name}`;
  const convert = sqliteConversion(where, column);
  return {
    name: column.name,
    fromSqlite: (v) => (v === null ? null : convert(v)),
    fromPostgres: (v) => (v === null ? null : (column.mapFromDriverValue(v) as TypedValue)),
    toParameter: (v) => {
      if (v === null) return null;
      // node `pg` would send a JS array as a PostgreSQL array, not as JSON.
      if (column.dataType === "json") return JSON.stringify(v);
      return typeof v === "bigint" ? v.toString() : v;
    },
  };
}

function primaryKeyOf(table: PgTable): string[] {
  const config = getTableConfig(table);
  const composite = config.primaryKeys[0]?.columns.map((c) => c.name);
  const single = config.columns.filter((c) => c.primary).map((c) => c.name);
  const key = composite ?? single;
  if (key.length === 0) throw new Error(`table ${config.name} has no primary key to copy by`);
  return key;
}

/** Orders tables so that each comes after the tables its foreign keys refer to. */
function parentsFirst(tables: readonly PgTable[]): PgTable[] {
  const byName = new Map(tables.map((t) => [getTableName(t), t]));
  const ordered: PgTable[] = [];
  const placed = new Set<string>();
  const place = (table: PgTable, path: readonly string[]) => {
    const name = getTableName(table);
    if (placed.has(name)) return;
    if (path.includes(name)) throw new Error(`foreign keys form a cycle: ${path.join(" → ")}`);
    for (const fk of getTableConfig(table).foreignKeys) {
      const parent = byName.get(getTableName(fk.reference().foreignTable));
      if (parent && parent !== table) place(parent, [...path, name]);
    }
    placed.add(name);
    ordered.push(table);
  };
  for (const table of tables) place(table, []);
  return ordered;
}

/** The plan for a schema module's tables (the PostgreSQL shared-state schema by default). */
export function copyPlan(schema: Record<string, unknown> = pgSchema): CopyPlan {
  const all = Object.values(schema).filter((v): v is PgTable => isTable(v));
  const copied = all.filter((t) => NOT_COPIED[getTableName(t)] === undefined);
  return {
    tables: parentsFirst(copied).map((table) => {
      const name = getTableName(table);
      return {
        name,
        columns: Object.values(getTableColumns(table)).map((c) => copiedColumn(name, c)),
        primaryKey: primaryKeyOf(table),
      };
    }),
    notCopied: all
      .map((t) => getTableName(t))
      .filter((name) => NOT_COPIED[name] !== undefined)
      .map((table) => ({ table, reason: NOT_COPIED[table] as string })),
  };
}
