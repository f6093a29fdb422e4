import pg from "pg";
import type { TempApp } from "./temp-app.ts";

/** int8 as a number and booleans as 0/1: rows read alike from both back ends. */
const TYPES = {
  getTypeParser: (oid: number, format?: string) =>
    oid === 20
      ? Number
      : oid === 16
        ? (value: string) => (value === "t" ? 1 : 0)
        : pg.types.getTypeParser(oid, format as "text"),
};

/**
 * Rows of a query on the shared state (answers, rounds, reports …) of a test app, on whichever
 * back end holds it; `?` placeholders on both. For tests only: the bot reaches the state through
 * its stores.
 */
export async function stateRows(
  t: Pick<TempApp, "db" | "postgresUrl">,
  sql: string,
  ...params: unknown[]
): Promise<Record<string, unknown>[]> {
  if (t.postgresUrl === undefined)
    return t.db.$client.prepare(sql).all(...params) as Record<string, unknown>[];
  let n = 0;
  const client = new pg.Client({ connectionString: t.postgresUrl, types: TYPES });
  await client.connect();
  try {
    return (
      await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows;
  } finally {
    await client.end();
  }
}
