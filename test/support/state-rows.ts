import Database from "better-sqlite3";
import pg from "pg";
import type { Db } from "../../src/db/client.ts";
import { pgTestDatabase } from "./pg-cluster.ts";

/**
 * BELEG_TEST_STORE=postgres runs the apps and bot processes of tests that take no back end of
 * their own with the shared state on a fresh PostgreSQL database each (`npm run test:postgres`).
 */
export const TEST_STORE = process.env.BELEG_TEST_STORE === "postgres" ? "postgres" : "sqlite";

/** A fresh PostgreSQL database for a test's shared state, or none when the tests run on SQLite. */
export async function testStateDatabase(): Promise<{
  readonly postgresUrl: string | undefined;
  close(): Promise<void>;
}> {
  if (TEST_STORE === "sqlite") return { postgresUrl: undefined, close: async () => undefined };
  const database = await pgTestDatabase();
  return { postgresUrl: database.url, close: () => database.close() };
}

/** Where a test's shared state is: an open SQLite database, a SQLite file, or PostgreSQL. */
export interface StateLocation {
  readonly db?: Db;
  readonly path?: string;
  readonly postgresUrl: string | undefined;
}

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
 * Rows of a query on the shared state (answers, rounds, reports …) of a test, on whichever back
 * end holds it; `?` placeholders on both. For tests only: the bot reaches the state through its
 * stores.
 */
export async function stateRows(
  at: StateLocation,
  sql: string,
  ...params: unknown[]
): Promise<Record<string, unknown>[]> {
  if (at.postgresUrl === undefined) {
    if (at.db) return at.db.$client.prepare(sql).all(...params) as Record<string, unknown>[];
    const file = new Database(at.path as string, { readonly: true });
    try {
      return file.prepare(sql).all(...params) as Record<string, unknown>[];
    } finally {
      file.close();
    }
  }
  let n = 0;
  const client = new pg.Client({ connectionString: at.postgresUrl, types: TYPES });
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
