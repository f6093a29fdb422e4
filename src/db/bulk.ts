import { getTableColumns, getTableName } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client.ts";

/**
 * Inserts many rows of one table through one prepared statement: a bulk load (a first ingest,
 * 100,000 passages) spends its time in SQLite, not in building a query per row. The columns are
 * those of the first row; values go through the columns' own mapping (booleans, dates) as
 * drizzle's inserts do.
 */
export function insertMany<T extends SQLiteTable>(
  tx: Db,
  table: T,
  rows: readonly T["$inferInsert"][],
): void {
  const first = rows[0];
  if (!first) return;
  const all = getTableColumns(table);
  const columns = Object.keys(first).flatMap((key) => {
    const column = all[key];
    return column ? [{ key, column }] : [];
  });
  const statement = tx.$client.prepare(
    `INSERT INTO "${getTableName(table)}" (${columns.map((c) => `"${c.column.name}"`).join(", ")})
     VALUES (${columns.map(() => "?").join(", ")})`,
  );
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    statement.run(
      columns.map(({ key, column }) => {
        const value = record[key];
        return value === undefined || value === null ? null : column.mapToDriverValue(value);
      }),
    );
  }
}
