import type pg from "pg";
import { TableChecksum } from "./checksum.ts";
import type { SqliteSource } from "./source.ts";
import type { CopiedTable } from "./tables.ts";

/** One table on both sides: row counts and checksums (see checksum.ts). */
export interface TableComparison {
  readonly table: string;
  readonly sqliteRows: number;
  readonly postgresRows: number;
  readonly sqliteChecksum: string;
  readonly postgresChecksum: string;
  /** Same rows and same checksum. */
  readonly matches: boolean;
}

/** Rows fetched from a PostgreSQL cursor at a time. */
const FETCH_ROWS = 1000;

export const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Counts and checksums every table on both sides: SQLite in the source's snapshot, PostgreSQL
 * in one read-only repeatable-read transaction (one snapshot of all tables), streamed through a
 * cursor so a large table is never held in memory.
 */
export async function compareTables(
  source: SqliteSource,
  client: pg.PoolClient,
  tables: readonly CopiedTable[],
): Promise<TableComparison[]> {
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    await client.query("SET LOCAL statement_timeout = 0");
    const compared: TableComparison[] = [];
    for (const table of tables) {
      const sqlite = new TableChecksum();
      for (const row of source.rows(table)) sqlite.add(row);
      const postgres = await postgresChecksum(client, table);
      compared.push({
        table: table.name,
        sqliteRows: sqlite.rows,
        postgresRows: postgres.rows,
        sqliteChecksum: sqlite.hex,
        postgresChecksum: postgres.hex,
        matches: sqlite.rows === postgres.rows && sqlite.hex === postgres.hex,
      });
    }
    await client.query("COMMIT");
    return compared;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

async function postgresChecksum(client: pg.PoolClient, table: CopiedTable) {
  const checksum = new TableChecksum();
  const columns = table.columns.map((c) => quote(c.name)).join(", ");
  await client.query(
    `DECLARE rows_of_table NO SCROLL CURSOR FOR SELECT ${columns} FROM ${quote(table.name)}`,
  );
  for (;;) {
    const batch = await client.query<unknown[]>({
      text: `FETCH FORWARD ${FETCH_ROWS} FROM rows_of_table`,
      rowMode: "array",
    });
    for (const raw of batch.rows) {
      checksum.add(table.columns.map((column, i) => column.fromPostgres(raw[i])));
    }
    if (batch.rows.length < FETCH_ROWS) break;
  }
  await client.query("CLOSE rows_of_table");
  return checksum;
}
