import type pg from "pg";
import { openPostgres, withConnection } from "../pg/client.ts";
import { canonicalJson, type TypedValue } from "./checksum.ts";
import { compareTables, quote, type TableComparison } from "./compare.ts";
import { openSqliteSource, type SqliteSource, StoreCopyRefused } from "./source.ts";
import { type CopiedTable, type CopyPlan, copyPlan } from "./tables.ts";

/**
 * `store copy`: a community's shared state from its SQLite file into PostgreSQL. All tables are
 * copied in ONE transaction: a community arrives whole or not at all (never answers without
 * their scores), and a conflict found in a later table leaves nothing of the earlier ones.
 * Rows go in batched multi-row INSERTs with ON CONFLICT DO NOTHING, so a second run inserts
 * nothing; a row skipped that way is compared with the row PostgreSQL holds under the same key,
 * and a different one refuses the copy. Identity sequences are then set past the copied ids.
 */

export interface StoreCopyOptions {
  /** Rows per INSERT statement. */
  readonly batchRows?: number;
  readonly connectTimeoutMs?: number;
}

export interface StoreComparison {
  readonly tables: readonly (TableComparison & { readonly inserted?: number })[];
  readonly notCopied: CopyPlan["notCopied"];
  readonly matches: boolean;
}

export type CopyOutcome =
  | { readonly kind: "copied"; readonly comparison: StoreComparison }
  /** PostgreSQL already holds `rows` different rows under the keys of `table`'s rows. */
  | { readonly kind: "conflict"; readonly table: string; readonly rows: number };

const DEFAULT_BATCH_ROWS = 500;
/** PostgreSQL takes at most 65,535 parameters a statement. */
const MAX_PARAMETERS = 65_535;

export function checkTarget(url: string): void {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new StoreCopyRefused(
      "The target must be a PostgreSQL URL: postgres://user:password@host:5432/beleg.",
    );
  }
}

async function withStores<T>(
  sourcePath: string,
  targetUrl: string,
  options: StoreCopyOptions,
  work: (source: SqliteSource, client: pg.PoolClient, plan: CopyPlan) => Promise<T>,
): Promise<T> {
  checkTarget(targetUrl);
  const plan = copyPlan();
  const source = openSqliteSource(sourcePath, plan.tables);
  try {
    // Migrates the target to this version's PostgreSQL schema (under its advisory lock).
    const target = await openPostgres(targetUrl, {
      poolSize: 1,
      statementTimeoutMs: 0,
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
    }).catch((error: unknown) => {
      throw new StoreCopyRefused(
        `Could not open the PostgreSQL database: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    try {
      return await withConnection(target.pool, (client) => work(source, client, plan));
    } finally {
      await target.close();
    }
  } finally {
    source.close();
  }
}

/** Counts and checksums both sides without copying (`store check`). */
export function checkStore(
  sourcePath: string,
  targetUrl: string,
  options: StoreCopyOptions = {},
): Promise<StoreComparison> {
  return withStores(sourcePath, targetUrl, options, async (source, client, plan) => {
    const tables = await compareTables(source, client, plan.tables);
    return { tables, notCopied: plan.notCopied, matches: tables.every((t) => t.matches) };
  });
}

export function copyStore(
  sourcePath: string,
  targetUrl: string,
  options: StoreCopyOptions = {},
): Promise<CopyOutcome> {
  return withStores(sourcePath, targetUrl, options, async (source, client, plan) => {
    const inserted = new Map<string, number>();
    await client.query("BEGIN");
    try {
      await client.query("SET LOCAL statement_timeout = 0");
      for (const table of plan.tables) {
        const copied = await copyTable(source, client, table, options.batchRows);
        if (copied.conflicts > 0) {
          await client.query("ROLLBACK");
          return { kind: "conflict", table: table.name, rows: copied.conflicts };
        }
        inserted.set(table.name, copied.inserted);
      }
      for (const table of plan.tables) await moveSequencePast(client, table);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
    const compared = await compareTables(source, client, plan.tables);
    const tables = compared.map((t) => ({ ...t, inserted: inserted.get(t.table) ?? 0 }));
    return {
      kind: "copied",
      comparison: { tables, notCopied: plan.notCopied, matches: tables.every((t) => t.matches) },
    };
  });
}

async function copyTable(
  source: SqliteSource,
  client: pg.PoolClient,
  table: CopiedTable,
  batchRows = DEFAULT_BATCH_ROWS,
): Promise<{ inserted: number; conflicts: number }> {
  const perStatement = Math.max(
    1,
    Math.min(batchRows, Math.floor(MAX_PARAMETERS / table.columns.length)),
  );
  let inserted = 0;
  let conflicts = 0;
  let batch: TypedValue[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const stored = await insertBatch(client, table, batch);
    inserted += stored.size;
    if (stored.size < batch.length) conflicts += await countConflicts(client, table, batch, stored);
    batch = [];
  };
  for (const row of source.rows(table)) {
    batch.push(row);
    if (batch.length >= perStatement) await flush();
  }
  await flush();
  return { inserted, conflicts };
}

const keyIndexes = (table: CopiedTable) =>
  table.primaryKey.map((name) => table.columns.findIndex((c) => c.name === name));

const keyOf = (row: readonly TypedValue[], indexes: readonly number[]) =>
  canonicalJson(indexes.map((i) => row[i] ?? null));

/** Placeholders "($1, $2), ($3, $4)" for `rows` rows of `width` values. */
function placeholders(rows: number, width: number): string {
  return Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(", ")})`,
  ).join(", ");
}

/** Inserts a batch; returns the keys of the rows it stored (the others were already there). */
async function insertBatch(
  client: pg.PoolClient,
  table: CopiedTable,
  batch: readonly TypedValue[][],
): Promise<Set<string>> {
  const columns = table.columns.map((c) => quote(c.name)).join(", ");
  const key = table.primaryKey.map(quote).join(", ");
  const result = await client.query<unknown[]>({
    text:
      `INSERT INTO ${quote(table.name)} (${columns}) VALUES ` +
      `${placeholders(batch.length, table.columns.length)} ON CONFLICT DO NOTHING RETURNING ${key}`,
    values: batch.flatMap((row) => row.map((v, i) => table.columns[i]?.toParameter(v ?? null))),
    rowMode: "array",
  });
  const indexes = keyIndexes(table);
  return new Set(
    result.rows.map((raw) =>
      canonicalJson(
        indexes.map((column, i) => table.columns[column]?.fromPostgres(raw[i]) ?? null),
      ),
    ),
  );
}

/**
 * The skipped rows of a batch that PostgreSQL holds differently: under the same primary key with
 * other values, or not at all (then another unique index, e.g. one answer per user and
 * question, refused the row).
 */
async function countConflicts(
  client: pg.PoolClient,
  table: CopiedTable,
  batch: readonly TypedValue[][],
  stored: ReadonlySet<string>,
): Promise<number> {
  const indexes = keyIndexes(table);
  const skipped = batch.filter((row) => !stored.has(keyOf(row, indexes)));
  const columns = table.columns.map((c) => quote(c.name)).join(", ");
  const key = table.primaryKey.map(quote).join(", ");
  const existing = await client.query<unknown[]>({
    text:
      `SELECT ${columns} FROM ${quote(table.name)} ` +
      `WHERE (${key}) IN (${placeholders(skipped.length, indexes.length)})`,
    values: skipped.flatMap((row) =>
      indexes.map((i) => table.columns[i]?.toParameter(row[i] ?? null)),
    ),
    rowMode: "array",
  });
  const held = new Map(
    existing.rows.map((raw) => {
      const row = table.columns.map((column, i) => column.fromPostgres(raw[i]));
      return [keyOf(row, indexes), canonicalJson(row)];
    }),
  );
  return skipped.filter((row) => held.get(keyOf(row, indexes)) !== canonicalJson(row)).length;
}

/** Sets an identity (or serial) key's sequence past the highest id, so new rows get fresh ids. */
async function moveSequencePast(client: pg.PoolClient, table: CopiedTable): Promise<void> {
  if (table.primaryKey.length !== 1) return;
  const [column] = table.primaryKey as [string];
  const found = await client.query<{ sequence: string | null }>(
    "SELECT pg_get_serial_sequence($1, $2) AS sequence",
    [quote(table.name), column],
  );
  const sequence = found.rows[0]?.sequence;
  if (!sequence) return;
  // The sequence's own name as the server spelled it (schema-qualified, quoted where needed).
  await client.query(
    `SELECT setval($1::regclass, GREATEST(m, CASE WHEN s.is_called THEN s.last_value ELSE m END))
       FROM (SELECT max(${quote(column)}) AS m FROM ${quote(table.name)}) AS t, ${sequence} AS s
      WHERE m IS NOT NULL`,
    [sequence],
  );
}
